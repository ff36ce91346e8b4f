import { fill } from '../i18n/en';
import type { CardContext } from './cardContext';
import { lastUsedText, type DeviceView } from './devicesCard';
import type { AdaptiveCard } from './renderCard';

export function renderConfirmDeviceCard(ctx: CardContext, input: { flowId: string; device: DeviceView }): AdaptiveCard {
  const s = ctx.strings.confirmDevice;
  const d = input.device;
  const facts = [{ title: s.factDevice, value: d.name }];
  if (d.os) facts.push({ title: s.factSystem, value: d.os });
  facts.push({ title: s.factUsed, value: lastUsedText(ctx, d.lastUsed) });
  return ctx.renderer.render('confirmDevice', {
    title: fill(s.title, { name: d.name }),
    text: s.text,
    facts,
    confirm: s.confirm,
    cancel: s.cancel,
    flowId: input.flowId,
    deviceId: d.id,
    securityLine: ctx.strings.securityLine,
  });
}
