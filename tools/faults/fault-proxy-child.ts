// The child side of FaultProxyProcess: one FaultProxy, driven by its parent's messages over IPC.
import { FaultProxy } from './fault-proxy.js';
import type { ProxyCommand } from './fault-proxy-process.js';

const target = process.argv[2];
const proxy = await FaultProxy.start(target);
process.send!({ port: proxy.port });
process.on('message', async (command: ProxyCommand) => {
  switch (command.op) {
    case 'cut':
      proxy.cut();
      break;
    case 'blackhole':
      proxy.blackhole();
      break;
    case 'delay':
      proxy.setDelay(command.ms);
      break;
    case 'heal':
      proxy.heal();
      break;
    case 'close':
      await proxy.close();
      process.send!({ done: command.id }, () => process.exit(0));
      return;
  }
  process.send!({ done: command.id });
});
// Never outlive the run that started it.
process.on('disconnect', () => process.exit(0));
