import { fill } from '../i18n/en';
import type { CardContext } from './cardContext';
import type { AdaptiveCard } from './renderCard';

export type DeviceStatus = 'pending' | 'removed' | 'refused';

export interface DeviceView {
  id: string;
  name: string;
  os?: string;
  /** ISO time of the last sign-in (or registration), if known. */
  lastUsed?: string;
  status: DeviceStatus;
}

export interface DevicesCardInput {
  flowId: string;
  /** Stale *registered* devices the employee may remove. */
  removable: DeviceView[];
  /** Joined devices: the helpdesk handles these (BitLocker keys). */
  joined: Array<{ name: string }>;
  notice?: string;
}

export function lastUsedText(ctx: CardContext, lastUsed: string | undefined): string {
  return fill(ctx.strings.devices.lastUsed, { when: lastUsed ? lastUsed.slice(0, 10) : ctx.strings.devices.never });
}

export function renderDevicesCard(ctx: CardContext, input: DevicesCardInput): AdaptiveCard {
  const s = ctx.strings.devices;
  const devices = input.removable.map((d) => ({
    id: d.id,
    name: d.name,
    detail: [d.os, lastUsedText(ctx, d.lastUsed)].filter((x) => x).join(' · '),
    hasStatus: d.status !== 'pending',
    statusText: d.status === 'removed' ? s.removed : d.status === 'refused' ? s.refused : '',
    canRemove: d.status === 'pending',
  }));
  return ctx.renderer.render('devices', {
    title: s.title,
    hasNotice: input.notice !== undefined,
    notice: input.notice ?? '',
    text: s.text,
    devices,
    removeTitle: s.remove,
    noRemovable: !devices.some((d) => d.canRemove),
    none: s.none,
    hasJoined: input.joined.length > 0,
    joinedTitle: s.joinedTitle,
    joinedText: s.joinedText,
    joined: input.joined,
    checkAgain: s.checkAgain,
    helpdesk: ctx.strings.findings.helpdesk,
    flowId: input.flowId,
    securityLine: ctx.strings.securityLine,
  });
}
