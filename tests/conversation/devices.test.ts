import { AppError } from '../../src/shared/errors';
import { action, actions, allText, cardFrom, pressOn, rootTitle, texts, type Card } from './cards';
import { CA_BLOCK, QUOTA } from './fixtures';
import { CONVERSATION, USER, createHarness, type Harness } from './harness';
import { outage } from './outages';

async function deviceList(h: Harness): Promise<Card> {
  const findings = cardFrom((await h.say('it says too many devices'))[0]);
  expect(action(findings, 'showDevices').style).toBe('positive');
  expect(action(findings, 'itWorked').style).toBe('default');
  return cardFrom((await pressOn(h, findings, 'showDevices'))[0]);
}

const removeOf = (card: Card, id: string) => action(card, 'removeDevice', (a) => a.data?.deviceId === id);

describe('device quota self-fix', () => {
  let h: Harness;
  beforeEach(() => {
    h = createHarness();
    h.backend.findings = [QUOTA];
  });
  afterEach(() => h.cleanup());

  it('lists only the stale registered devices as removable; joined ones are left to the helpdesk', async () => {
    const list = await deviceList(h);

    expect(actions(list).filter((a) => a.verb === 'removeDevice').map((a) => a.data?.deviceId)).toEqual(['dev-ipad', 'dev-pixel']);
    expect(texts(list)).toContain('Last used: 2025-01-10');
    expect(texts(list)).toContain('Last used: never');
    expect(texts(list)).toContain('These are company-joined devices. The helpdesk will handle this (BitLocker keys).');
    expect(texts(list)).toContain('LAPTOP-OLD01');
  });

  it('when the employee confirms, the device is deleted through the backend and the list is updated in place', async () => {
    const list = await deviceList(h);

    const confirm = cardFrom((await h.press('removeDevice', removeOf(list, 'dev-ipad').data ?? {}))[0]);
    expect(texts(confirm)[0]).toBe('Remove “Old iPad”?');
    expect(action(confirm, 'confirmRemoveDevice').style).toBe('destructive');
    expect(h.backend.deleteCalls).toHaveLength(0);

    const replies = await pressOn(h, confirm, 'confirmRemoveDevice');

    expect(replies).toHaveLength(1);
    expect(replies[0]?.type).toBe('invokeResponse');
    const updated = cardFrom(replies[0]);
    expect(h.backend.deleteCalls).toEqual([{ user: USER, deviceObjectId: 'dev-ipad', correlationId: CONVERSATION }]);
    expect(texts(updated)).toContain('Done: “Old iPad” was removed.');
    expect(texts(updated)).toContain('Removed');
    expect(actions(updated).filter((a) => a.verb === 'removeDevice').map((a) => a.data?.deviceId)).toEqual(['dev-pixel']);
  });

  it('in evaluation (shadow) mode, the card says the device would have been removed now and nothing was changed', async () => {
    h.backend.shadow = true;
    const list = await deviceList(h);
    const confirm = cardFrom((await h.press('removeDevice', removeOf(list, 'dev-ipad').data ?? {}))[0]);

    const updated = cardFrom((await pressOn(h, confirm, 'confirmRemoveDevice'))[0]);

    expect(h.backend.deleteCalls).toHaveLength(1);
    expect(texts(updated).join(' ')).toContain('Shadow mode: “Old iPad” would have been removed now.');
    expect(texts(updated)).toContain('Not removed');
  });

  it('when the confirmation is pressed twice, the device is deleted once', async () => {
    const list = await deviceList(h);
    const confirm = cardFrom((await h.press('removeDevice', removeOf(list, 'dev-ipad').data ?? {}))[0]);
    await pressOn(h, confirm, 'confirmRemoveDevice');

    const second = cardFrom((await pressOn(h, confirm, 'confirmRemoveDevice'))[0]);

    expect(texts(second)[0]).toBe('This card is out of date');
    expect(h.backend.deleteCalls).toHaveLength(1);
  });

  it('when the employee keeps the device, nothing is deleted and the list comes back', async () => {
    const list = await deviceList(h);
    const confirm = cardFrom((await h.press('removeDevice', removeOf(list, 'dev-ipad').data ?? {}))[0]);

    const back = cardFrom((await pressOn(h, confirm, 'cancelRemoveDevice'))[0]);

    expect(texts(back)[0]).toBe('Free up space for a new device');
    expect(h.backend.deleteCalls).toHaveLength(0);
  });

  it('when the backend refuses the deletion, the employee is told kindly and the device is marked not removed', async () => {
    h.backend.deleteError = new AppError('refused', 'device is not stale any more');
    const list = await deviceList(h);
    const confirm = cardFrom((await h.press('removeDevice', removeOf(list, 'dev-pixel').data ?? {}))[0]);

    const updated = cardFrom((await pressOn(h, confirm, 'confirmRemoveDevice'))[0]);

    expect(allText(updated)).toContain("I couldn't remove “Pixel 4”.");
    expect(allText(updated)).not.toContain('device is not stale any more');
    expect(texts(updated)).toContain('Not removed');
  });

  it('when the backend is unavailable, nothing is marked removed and the employee can try again', async () => {
    h.backend.deleteError = outage.unreachable();
    const list = await deviceList(h);
    const confirm = cardFrom((await h.press('removeDevice', removeOf(list, 'dev-pixel').data ?? {}))[0]);

    const updated = cardFrom((await pressOn(h, confirm, 'confirmRemoveDevice'))[0]);

    expect(allText(updated)).toContain('Nothing was removed. Please try again in a minute.');
    expect(actions(updated).filter((a) => a.verb === 'removeDevice').map((a) => a.data?.deviceId)).toEqual(['dev-ipad', 'dev-pixel']);
  });

  it('when a forged device id is pressed (a joined device, or one not in the list), nothing is called', async () => {
    const list = await deviceList(h);
    const flowId = removeOf(list, 'dev-ipad').data?.flowId;

    for (const deviceId of ['dev-laptop', 'someone-elses-device']) {
      const r1 = cardFrom((await h.press('removeDevice', { flowId, deviceId }))[0]);
      expect(texts(r1)[0]).toBe('This card is out of date');
    }
    const r2 = cardFrom((await h.press('confirmRemoveDevice', { flowId, deviceId: 'dev-laptop' }))[0]);
    expect(texts(r2)[0]).toBe('This card is out of date');
    expect(h.backend.deleteCalls).toHaveLength(0);
  });
});

describe('device quota that is not the root cause', () => {
  it('still offers "Remove old devices" on the findings card', async () => {
    const h = createHarness();
    try {
      h.backend.findings = [CA_BLOCK, QUOTA];
      const card = cardFrom((await h.say('too many devices'))[0]);
      expect(rootTitle(card)).toBe(CA_BLOCK.title);
      const list = cardFrom((await pressOn(h, card, 'showDevices'))[0]);
      expect(actions(list).filter((a) => a.verb === 'removeDevice')).toHaveLength(2);
    } finally {
      h.cleanup();
    }
  });
});
