import { ConfirmDialog, useConfirmation } from '../../../components/confirm-dialog';
import { useDemoData, useRemoveDemoData } from '../../../lib/demo-data';
import '../demo-data.css';
import { formatInteger } from '../../../lib/format';

/**
 * "Start with your own data": while the demo's leads are here, an admin removes them, their touches,
 * the targets, the spend and the demo account in one step, so imported leads are not added up with
 * invented ones.
 */
export function DemoDataCard() {
  const demo = useDemoData();
  const remove = useRemoveDemoData();
  const asking = useConfirmation<true>(remove);
  if (!demo.data || (demo.data.leads === 0 && !demo.data.account)) return null;
  return (
    <section className="card demo-data-card" data-testid="demo-data" aria-labelledby="demo-data-title">
      <h2 id="demo-data-title">Demo data</h2>
      <p>
        This database holds {formatInteger(demo.data.leads)} invented demo leads
        {demo.data.account ? ' and the demo account' : ''}. Leads you import are added to them until you
        remove them.
      </p>
      <button type="button" className="button button-secondary" onClick={() => asking.ask(true)}>
        Start with your own data
      </button>
      <ConfirmDialog
        {...asking.dialog}
        title="Remove the demo data?"
        confirmLabel="Remove the demo data"
        onConfirm={() => remove.mutate(undefined, { onSuccess: asking.close })}
        testId="demo-remove-dialog"
      >
        The demo's leads and their touches, the quarter targets, the marketing spend, the sources no other
        lead comes from and the demo account are deleted together; leads you imported stay. Make sure you
        signed in with an admin account of your own first.
      </ConfirmDialog>
    </section>
  );
}
