import { type AppType, createApp } from '@salesready/api/app';
import { type ResponseSpec, responseSpec } from '@salesready/api/middleware/responds';
import type {
  auditAnswer,
  deleteTokensIdAnswer,
  inviteAcceptedAnswer,
  jobAnswer,
  jobsAnswer,
  jobsTickAnswer,
  loginAnswer,
  meAnswer,
  passwordChangedAnswer,
  patchUsersIdAnswer,
  postTokensAnswer,
  postUsersInviteAnswer,
  putSettingsSecurityAnswer,
  sessionsAnswer,
  sessionsRevokedAnswer,
  settingsSecurityAnswer,
  settingsSsoAnswer,
  setupAnswer,
  statusAnswer,
  tokensAnswer,
  totpAnswer,
  totpEnabledAnswer,
  totpSetupAnswer,
  totpVerifiedAnswer,
  usersAnswer,
} from '@salesready/api/schemas/auth-answers';
import type {
  connectorCreated,
  connectorList,
  connectorMapping,
  connectorMappingSaved,
  connectorRevoked,
  connectorStatus,
  connectorSyncQueued,
} from '@salesready/api/schemas/connector-answers';
import type {
  deleteTargetsAnswer,
  patchSourcesIdAnswer,
  postIngestLeadsAnswer,
  postIngestSalesCostAnswer,
  postIngestSpendAnswer,
  postIngestTouchesAnswer,
  postSettingsDemoRemoveAnswer,
  postSourcesIdMergeAnswer,
  postSourcesMatchAnswer,
  postSpendImportAnswer,
  putSourcesAliasesAnswer,
  putSpendAnswer,
  putTargetsAnswer,
  settingsAnswer,
  settingsDemoAnswer,
  sourcesAnswer,
  spendAnswer,
  spendPresetsAnswer,
  targetsAnswer,
} from '@salesready/api/schemas/data-answers';
import type {
  leadsAnswer,
  leadsDimensionsAnswer,
  leadsIdAnswer,
  metricsHandoffAnswer,
  metricsHandoffNeglectedAnswer,
  metricsHandoffStalledAnswer,
  metricsPipelineWaterfallAnswer,
  metricsPipelineWaterfallDealsAnswer,
} from '@salesready/api/schemas/handoff-answers';
import type {
  importsAnswer,
  importsIdAnswer,
  importsIdChunksAnswer,
  importsPresetsAnswer,
  importsUploadsAnswer,
  postImportsAnswer,
  postImportsPreviewAnswer,
  putImportsIdChunksNAnswer,
} from '@salesready/api/schemas/import-answers';
import type {
  metricsChangesAnswer,
  metricsCohortsAnswer,
  metricsFunnelAnswer,
  metricsOverviewAnswer,
  metricsSpeedAnswer,
  metricsTrendAnswer,
  periodsAnswer,
} from '@salesready/api/schemas/metrics-answers';
import type {
  metricsAlertsAnswer,
  metricsPacingAnswer,
  postMetricsAlertsRunAnswer,
} from '@salesready/api/schemas/pacing-answers';
import type {
  deleteReportsShareLinksIdAnswer,
  postReportsFreezeAnswer,
  postReportsShareLinksAnswer,
  reportsCommentaryAnswer,
  reportsFreezeAnswer,
  reportsPreviewAnswer,
  reportsRestatementAnswer,
  reportsShareLinksAnswer,
  shareTokenAnswer,
} from '@salesready/api/schemas/report-answers';
import type {
  createdId,
  figureAnswerSchema,
  healthAnswer,
  okAnswer,
  runStarted,
  subscriptionDeleted,
  subscriptionList,
  subscriptionRuns,
} from '@salesready/api/schemas/responses';
import type {
  metricsAttributionAnswer,
  metricsCampaignsAnswer,
  metricsSourcesAnswer,
} from '@salesready/api/schemas/source-answers';
import type { Database } from '@salesready/db/client';
import { hc, type InferResponseType } from 'hono/client';
import type { StatusCode } from 'hono/utils/http-status';
import { expect, it } from 'vitest';

/*
 * The compiler holds each route's answer, as its handler types it, against the schema the route declares:
 * a value the handler may answer (a null, another member of a union) that the schema refuses fails
 * `tsc -b`, even when no test's data makes it happen.
 */
const client = hc<AppType>('/');
const call = <F, S extends StatusCode>(_route: F, _status: S) => null as unknown as InferResponseType<F, S>;
const answer =
  <Schema extends { _zod: { input: unknown } }>() =>
  (value: Schema['_zod']['input']) =>
    value;

const checked = [
  answer<typeof healthAnswer>()(call(client.api.health.$get, 200)),
  answer<typeof jobsTickAnswer>()(call(client.api.jobs.tick.$get, 200)),
  answer<typeof jobsTickAnswer>()(call(client.api.jobs.tick.$post, 200)),
  answer<typeof jobsAnswer>()(call(client.api.jobs.$get, 200)),
  answer<typeof jobAnswer>()(call(client.api.jobs[':id'].$get, 200)),
  answer<typeof statusAnswer>()(call(client.api.auth.status.$get, 200)),
  answer<typeof setupAnswer>()(call(client.api.auth.setup.$post, 201)),
  answer<typeof loginAnswer>()(call(client.api.auth.login.$post, 200)),
  answer<typeof totpVerifiedAnswer>()(call(client.api.auth.totp.verify.$post, 200)),
  answer<typeof totpAnswer>()(call(client.api.auth.totp.$get, 200)),
  answer<typeof totpSetupAnswer>()(call(client.api.auth.totp.setup.$post, 200)),
  answer<typeof totpEnabledAnswer>()(call(client.api.auth.totp.enable.$post, 200)),
  answer<typeof okAnswer>()(call(client.api.auth.totp.disable.$post, 200)),
  answer<typeof inviteAcceptedAnswer>()(call(client.api.auth['accept-invite'].$post, 200)),
  answer<typeof okAnswer>()(call(client.api.auth.logout.$post, 200)),
  answer<typeof meAnswer>()(call(client.api.auth.me.$get, 200)),
  answer<typeof passwordChangedAnswer>()(call(client.api.auth.password.$post, 200)),
  answer<typeof sessionsAnswer>()(call(client.api.auth.sessions.$get, 200)),
  answer<typeof sessionsRevokedAnswer>()(call(client.api.auth.sessions['revoke-all'].$post, 200)),
  answer<typeof metricsPacingAnswer>()(call(client.api.metrics.pacing.$get, 200)),
  answer<typeof metricsHandoffAnswer>()(call(client.api.metrics.handoff.$get, 200)),
  answer<typeof metricsHandoffNeglectedAnswer>()(call(client.api.metrics.handoff.neglected.$get, 200)),
  answer<typeof metricsHandoffStalledAnswer>()(call(client.api.metrics.handoff.stalled.$get, 200)),
  answer<typeof metricsAlertsAnswer>()(call(client.api.metrics.alerts.$get, 200)),
  answer<typeof postMetricsAlertsRunAnswer>()(call(client.api.metrics.alerts.run.$post, 200)),
  answer<typeof metricsPipelineWaterfallAnswer>()(call(client.api.metrics['pipeline-waterfall'].$get, 200)),
  answer<typeof metricsPipelineWaterfallDealsAnswer>()(
    call(client.api.metrics['pipeline-waterfall'].deals.$get, 200),
  ),
  answer<typeof metricsOverviewAnswer>()(call(client.api.metrics.overview.$get, 200)),
  answer<typeof metricsSourcesAnswer>()(call(client.api.metrics.sources.$get, 200)),
  answer<typeof metricsCampaignsAnswer>()(call(client.api.metrics.campaigns.$get, 200)),
  answer<typeof metricsFunnelAnswer>()(call(client.api.metrics.funnel.$get, 200)),
  answer<typeof metricsTrendAnswer>()(call(client.api.metrics.trend.$get, 200)),
  answer<typeof metricsCohortsAnswer>()(call(client.api.metrics.cohorts.$get, 200)),
  answer<typeof metricsAttributionAnswer>()(call(client.api.metrics.attribution.$get, 200)),
  answer<typeof metricsSpeedAnswer>()(call(client.api.metrics.speed.$get, 200)),
  answer<typeof metricsChangesAnswer>()(call(client.api.metrics.changes.$get, 200)),
  answer<typeof figureAnswerSchema>()(call(client.api.figures.$get, 200)),
  answer<typeof periodsAnswer>()(call(client.api.periods.$get, 200)),
  answer<typeof leadsAnswer>()(call(client.api.leads.$get, 200)),
  answer<typeof leadsDimensionsAnswer>()(call(client.api.leads.dimensions.$get, 200)),
  answer<typeof leadsIdAnswer>()(call(client.api.leads[':id'].$get, 200)),
  answer<typeof reportsPreviewAnswer>()(call(client.api.reports.preview.$get, 200)),
  answer<typeof reportsCommentaryAnswer>()(call(client.api.reports.commentary.$get, 200)),
  answer<typeof reportsCommentaryAnswer>()(call(client.api.reports.commentary.$put, 200)),
  answer<typeof reportsFreezeAnswer>()(call(client.api.reports.freeze.$get, 200)),
  answer<typeof postReportsFreezeAnswer>()(call(client.api.reports.freeze.$post, 200)),
  answer<typeof reportsRestatementAnswer>()(call(client.api.reports.restatement.$get, 200)),
  answer<typeof reportsShareLinksAnswer>()(call(client.api.reports['share-links'].$get, 200)),
  answer<typeof postReportsShareLinksAnswer>()(call(client.api.reports['share-links'].$post, 201)),
  answer<typeof deleteReportsShareLinksIdAnswer>()(
    call(client.api.reports['share-links'][':id'].$delete, 200),
  ),
  answer<typeof shareTokenAnswer>()(call(client.api.share[':token'].$get, 200)),
  answer<typeof settingsAnswer>()(call(client.api.settings.$get, 200)),
  answer<typeof settingsAnswer>()(call(client.api.settings.$put, 200)),
  answer<typeof settingsDemoAnswer>()(call(client.api.settings.demo.$get, 200)),
  answer<typeof postSettingsDemoRemoveAnswer>()(call(client.api.settings.demo.remove.$post, 200)),
  answer<typeof settingsSecurityAnswer>()(call(client.api.settings.security.$get, 200)),
  answer<typeof putSettingsSecurityAnswer>()(call(client.api.settings.security.$put, 200)),
  answer<typeof settingsSsoAnswer>()(call(client.api.settings.sso.$get, 200)),
  answer<typeof okAnswer>()(call(client.api.settings.sso.$put, 200)),
  answer<typeof sourcesAnswer>()(call(client.api.sources.$get, 200)),
  answer<typeof patchSourcesIdAnswer>()(call(client.api.sources[':id'].$patch, 200)),
  answer<typeof postSourcesMatchAnswer>()(call(client.api.sources.match.$post, 200)),
  answer<typeof putSourcesAliasesAnswer>()(call(client.api.sources.aliases.$put, 200)),
  answer<typeof postSourcesIdMergeAnswer>()(call(client.api.sources[':id'].merge.$post, 200)),
  answer<typeof targetsAnswer>()(call(client.api.targets.$get, 200)),
  answer<typeof putTargetsAnswer>()(call(client.api.targets.$put, 200)),
  answer<typeof putTargetsAnswer>()(call(client.api.targets.import.$post, 200)),
  answer<typeof deleteTargetsAnswer>()(call(client.api.targets.$delete, 200)),
  answer<typeof spendAnswer>()(call(client.api.spend.$get, 200)),
  answer<typeof putSpendAnswer>()(call(client.api.spend.$put, 200)),
  answer<typeof postSpendImportAnswer>()(call(client.api.spend.import.$post, 200)),
  answer<typeof spendPresetsAnswer>()(call(client.api.spend.presets.$get, 200)),
  answer<typeof subscriptionList>()(call(client.api.subscriptions.$get, 200)),
  answer<typeof createdId>()(call(client.api.subscriptions.$post, 201)),
  answer<typeof subscriptionDeleted>()(call(client.api.subscriptions[':id'].$delete, 200)),
  answer<typeof runStarted>()(call(client.api.subscriptions[':id'].run.$post, 202)),
  answer<typeof subscriptionRuns>()(call(client.api.subscriptions[':id'].runs.$get, 200)),
  answer<typeof importsAnswer>()(call(client.api.imports.$get, 200)),
  answer<typeof importsPresetsAnswer>()(call(client.api.imports.presets.$get, 200)),
  answer<typeof importsIdChunksAnswer>()(call(client.api.imports.uploads.$post, 201)),
  answer<typeof importsUploadsAnswer>()(call(client.api.imports.uploads.$get, 200)),
  answer<typeof importsIdChunksAnswer>()(call(client.api.imports[':id'].chunks.$get, 200)),
  answer<typeof putImportsIdChunksNAnswer>()(call(client.api.imports[':id'].chunks[':n'].$put, 200)),
  answer<typeof importsIdChunksAnswer>()(call(client.api.imports[':id'].cancel.$post, 200)),
  answer<typeof importsIdAnswer>()(call(client.api.imports[':id'].$get, 200)),
  answer<typeof postImportsPreviewAnswer>()(call(client.api.imports.preview.$post, 200)),
  answer<typeof postImportsAnswer>()(call(client.api.imports.$post, 201)),
  answer<typeof tokensAnswer>()(call(client.api.tokens.$get, 200)),
  answer<typeof postTokensAnswer>()(call(client.api.tokens.$post, 201)),
  answer<typeof deleteTokensIdAnswer>()(call(client.api.tokens[':id'].$delete, 200)),
  answer<typeof usersAnswer>()(call(client.api.users.$get, 200)),
  answer<typeof postUsersInviteAnswer>()(call(client.api.users.invite.$post, 201)),
  answer<typeof patchUsersIdAnswer>()(call(client.api.users[':id'].$patch, 200)),
  answer<typeof auditAnswer>()(call(client.api.audit.$get, 200)),
  answer<typeof postIngestLeadsAnswer>()(call(client.api.ingest.leads.$post, 200)),
  answer<typeof postIngestTouchesAnswer>()(call(client.api.ingest.touches.$post, 200)),
  answer<typeof postIngestSpendAnswer>()(call(client.api.ingest.spend.$post, 200)),
  answer<typeof postIngestSalesCostAnswer>()(call(client.api.ingest['sales-cost'].$post, 200)),
  answer<typeof connectorList>()(call(client.api.connectors.$get, 200)),
  answer<typeof connectorCreated>()(call(client.api.connectors.$post, 201)),
  answer<typeof connectorStatus>()(call(client.api.connectors[':id'].$get, 200)),
  answer<typeof connectorSyncQueued>()(call(client.api.connectors[':id'].sync.$post, 202)),
  answer<typeof connectorRevoked>()(call(client.api.connectors[':id'].$delete, 200)),
  answer<typeof connectorMapping>()(call(client.api.connectors[':id'].mapping.$get, 200)),
  answer<typeof connectorMappingSaved>()(call(client.api.connectors[':id'].mapping.$put, 200)),
];

it('holds every declared JSON answer against its route’s type', () => {
  const app = createApp({ db: {} as Database, driver: 'pglite', version: 'types', demo: false });
  const declared = app.routes.filter((route) => {
    const spec = (route.handler as unknown as Record<symbol, ResponseSpec | undefined>)[responseSpec];
    // A route that may answer a page instead (spec.html) has no one JSON type to hold.
    return spec?.schema && !spec.html && route.path !== '/api/openapi.json';
  });
  expect(checked).toHaveLength(declared.length);
});
