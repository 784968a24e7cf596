// Overview (#/): placeholder until the full page lands.
import { h, connectorHref, stateBadge, table } from './dom.js';

export async function render(root, params, ctx) {
  ctx.setTitle('Overview');
  root.append(h('h1', {}, 'Overview'));
  const list = h('div', {});
  root.append(list);
  ctx.poll(async () => {
    const all = await ctx.api.get('/connectors?expand=status', { signal: ctx.signal });
    if (!ctx.active()) return;
    list.replaceChildren(table(['Connector', 'State'], Object.entries(all).map(([name, c]) =>
      [h('a', { href: connectorHref(name) }, name), stateBadge(c.status.connector.state)])));
  }, 3000);
}
