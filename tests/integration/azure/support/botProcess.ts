/** Drives one botInstance.js child process: JSON commands in, JSON replies and events out. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export type Reply = Record<string, unknown>;

export class BotProcess {
  private nextId = 1;
  private readonly waiting = new Map<number, (r: Reply) => void>();
  private readonly listeners: Array<(e: Reply) => void> = [];
  private stderr = '';
  readonly ready: Promise<Reply>;

  private constructor(private readonly child: ChildProcess, readonly instanceId: string) {
    child.stderr?.on('data', (d: Buffer) => (this.stderr += d.toString()));
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    let onReady: (r: Reply) => void = () => undefined;
    this.ready = new Promise((resolve, reject) => {
      onReady = resolve;
      child.once('exit', (code) => reject(new Error(`${instanceId} exited with ${code}: ${this.stderr.slice(-1500)}`)));
    });
    lines.on('line', (line) => {
      const msg = JSON.parse(line) as Reply;
      if (msg.event === 'ready') onReady(msg);
      if (typeof msg.id === 'number') {
        this.waiting.get(msg.id)?.(msg);
        this.waiting.delete(msg.id);
      } else for (const l of this.listeners) l(msg);
    });
  }

  static start(args: { connectionString: string; names: Record<string, string>; issuerUrl: string; vaultKey: string; instanceId: string }): BotProcess {
    const child = spawn(
      process.execPath,
      [join(__dirname, 'botInstance.js'), args.connectionString, JSON.stringify(args.names), args.issuerUrl, args.vaultKey, args.instanceId],
      { stdio: ['pipe', 'pipe', 'pipe'] },
    );
    return new BotProcess(child, args.instanceId);
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  onEvent(listener: (e: Reply) => void): void {
    this.listeners.push(listener);
  }

  async call(op: string, args: Record<string, unknown> = {}): Promise<Reply> {
    const id = this.nextId++;
    const reply = new Promise<Reply>((resolve) => this.waiting.set(id, resolve));
    this.child.stdin?.write(`${JSON.stringify({ id, op, ...args })}\n`);
    const r = await reply;
    if (typeof r.error === 'string') throw new Error(`${this.instanceId} ${op}: ${r.error}`);
    return r;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((r) => this.child.once('exit', () => r()));
    this.child.stdin?.write(`${JSON.stringify({ id: 0, op: 'exit' })}\n`);
    const hard = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(hard);
  }
}
