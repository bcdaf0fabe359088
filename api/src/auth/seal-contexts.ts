/**
 * What each sealed secret is bound to (AES-GCM additional data): a value copied to another row does not
 * open there. Every kind of secret the product stores is named here, so a key rotation can find them all.
 */
export const totpSealContext = (userId: number) => `totp:user:${userId}`;
export const ssoSealContext = 'sso:client-secret';
export const connectorSealContext = (connectorId: number) => `connector:${connectorId}`;
export const subscriptionSealContext = (subscriptionId: number) => `subscription:${subscriptionId}`;
