import { afterAll, beforeAll, expect, it } from 'vitest';
import { hubspotToken, openHubspotMappingApp } from '../helpers/hubspot-mapping-app';
import { describeOnBackend } from '../helpers/test-db';

describeOnBackend('connectors: the mapping an admin reviews and changes', () => {
  let t: Awaited<ReturnType<typeof openHubspotMappingApp>>;

  beforeAll(async () => {
    t = await openHubspotMappingApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers the default mapping with the account’s own lifecycle stages, to admins only', async () => {
    const { body: created } = await t.call('POST', '/api/connectors', {
      kind: 'hubspot',
      accessToken: hubspotToken,
    });
    const got = await t.call('GET', `/api/connectors/${created.id}/mapping`);
    expect(got.status).toBe(200);
    expect(got.body.mapping).toEqual({
      source: 'hs_analytics_source',
      stages: {
        mql: ['marketingqualifiedlead'],
        salesReady: ['salesqualifiedlead'],
        opportunity: ['opportunity'],
      },
    });
    expect(got.body.choices.from).toBe('account');
    // Hidden stages are not offered; the custom one is, with its label.
    expect(got.body.choices.stages.map((s: { value: string }) => s.value)).toEqual([
      'subscriber',
      'lead',
      'marketingqualifiedlead',
      '1234567',
      'salesqualifiedlead',
      'opportunity',
      'customer',
    ]);
    expect(got.body.choices.stages[3]).toEqual({ value: '1234567', label: 'Demo booked' });
    // HubSpot's own sources first, then the account's single-value and source-named text properties.
    expect(got.body.choices.source).toEqual([
      { value: 'hs_analytics_source', label: 'Original Source' },
      { value: 'hs_latest_source', label: 'Latest Source' },
      { value: 'lead_channel', label: 'Lead channel' },
      { value: 'utm_source', label: 'UTM source' },
    ]);
    expect(got.body.choices.note).toBeUndefined();

    expect(
      (await t.call('GET', `/api/connectors/${created.id}/mapping`, undefined, t.executive)).status,
    ).toBe(403);
    const put = { source: 'hs_latest_source', stages: { mql: [], salesReady: [], opportunity: [] } };
    expect((await t.call('PUT', `/api/connectors/${created.id}/mapping`, put, t.executive)).status).toBe(403);
    expect((await t.call('GET', `/api/connectors/${created.id}/mapping`, undefined, '')).status).toBe(401);
    expect((await t.call('GET', '/api/connectors/999999/mapping')).status).toBe(404);
    expect((await t.call('GET', '/api/connectors/abc/mapping')).status).toBe(400);
  });

  it('refuses a bad mapping with a 400 that names the field, and changes nothing', async () => {
    const [{ id }] = (await t.call('GET', '/api/connectors')).body.connectors;
    const stages = { mql: ['marketingqualifiedlead'], salesReady: ['salesqualifiedlead'], opportunity: [] };
    const cases: [unknown, string, RegExp][] = [
      [{ source: 'hs analytics!', stages }, 'source', /not a field name/],
      [{ source: '', stages }, 'source', /names no field/],
      [{ source: 'hs_original_source', stages }, 'source', /"hs_original_source" is not a contact property/],
      [
        { source: 'hs_latest_source', stages: { ...stages, opportunity: 'opportunity' } },
        'stages.opportunity',
        /array/,
      ],
      [{ source: 'hs_latest_source', stages: { ...stages, won: [] } }, 'stages', /won/],
      [
        { source: 'hs_latest_source', stages: { ...stages, opportunity: ['salesqualifiedlead'] } },
        'stages.opportunity.0',
        /already counts as salesReady/,
      ],
      [
        { source: 'hs_latest_source', stages: { ...stages, mql: ['marketingqualifiedlead', 'nurture'] } },
        'stages.mql.1',
        /"nurture" is not a stage of this hubspot account/,
      ],
    ];
    for (const [body, path, message] of cases) {
      const res = await t.call('PUT', `/api/connectors/${id}/mapping`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
      expect(res.body.error.message).toMatch(message);
    }
    expect((await t.call('GET', `/api/connectors/${id}/mapping`)).body.mapping.source).toBe(
      'hs_analytics_source',
    );
  });

  it('offers HubSpot’s standard stages, saying why, when the account’s cannot be read', async () => {
    const [{ id }] = (await t.call('GET', '/api/connectors')).body.connectors;
    t.account.down.properties = true;
    try {
      const got = await t.call('GET', `/api/connectors/${id}/mapping`);
      expect(got.status).toBe(200);
      expect(got.body.choices.from).toBe('standard');
      expect(got.body.choices.note).toMatch(/could not be read \(HubSpot answered 503/);
      expect(got.body.choices.stages.map((s: { value: string }) => s.value)).toContain('salesqualifiedlead');
    } finally {
      t.account.down.properties = false;
    }
  });

  it('offers the account’s stages with the standard sources, saying why, when its properties cannot be read', async () => {
    const [{ id }] = (await t.call('GET', '/api/connectors')).body.connectors;
    t.account.down.propertyList = true;
    try {
      const got = await t.call('GET', `/api/connectors/${id}/mapping`);
      expect(got.body.choices).toMatchObject({
        from: 'account',
        source: [
          { value: 'hs_analytics_source', label: 'Original Source' },
          { value: 'hs_latest_source', label: 'Latest Source' },
        ],
      });
      expect(got.body.choices.note).toMatch(
        /^HubSpot’s contact properties could not be read \(HubSpot answered 503 .*\): the sources offered are the standard ones\.$/,
      );
      expect(got.body.choices.stages.map((s: { value: string }) => s.value)).toContain('1234567');
      // Which properties the account has is unknown: a custom source is taken, its stages still checked.
      const mapping = {
        source: 'lead_channel',
        stages: { mql: ['nurture'], salesReady: [], opportunity: [] },
      };
      const refused = await t.call('PUT', `/api/connectors/${id}/mapping`, mapping);
      expect(refused.body.error.details).toEqual([
        { path: 'stages.mql.0', message: '"nurture" is not a stage of this hubspot account' },
      ]);
      mapping.stages.mql = ['1234567'];
      expect((await t.call('PUT', `/api/connectors/${id}/mapping`, mapping)).status).toBe(200);
    } finally {
      t.account.down.propertyList = false;
    }
  });
});
