/**
 * The baseline of the bot benchmark: a bare botbuilder echo bot — CloudAdapter (anonymous, as in
 * local mode), restify with the stock body parser, MemoryStorage + ConversationState (a per-
 * conversation turn counter), replying "echo[n]: <text>". What any botbuilder bot costs at least.
 */
import type { AddressInfo } from 'node:net';
import {
  ActivityHandler,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConversationState,
  MemoryStorage,
  type Request as BotRequest,
  type Response as BotResponse,
} from 'botbuilder';
import * as restify from 'restify';

export interface RunningEchoBot {
  url: string;
  close(): Promise<void>;
}

class EchoBot extends ActivityHandler {
  constructor(state: ConversationState) {
    super();
    const counter = state.createProperty<number>('turns');
    this.onMessage(async (context, next) => {
      const n = ((await counter.get(context, 0)) ?? 0) + 1;
      await counter.set(context, n);
      await context.sendActivity(`echo[${n}]: ${context.activity.text ?? ''}`);
      await state.saveChanges(context);
      await next();
    });
  }
}

export async function startEchoBot(port = 0): Promise<RunningEchoBot> {
  const auth = new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppType: 'MultiTenant' });
  const adapter = new CloudAdapter(auth);
  const bot = new EchoBot(new ConversationState(new MemoryStorage()));
  const server = restify.createServer({ name: 'echo-bot' });
  server.use(restify.plugins.bodyParser());
  server.post('/api/messages', async (req: restify.Request, res: restify.Response) => {
    await adapter.process(req as unknown as BotRequest, res as unknown as BotResponse, (context) => bot.run(context));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
