/**
 * Names of the LOCAL identity provider (the Graph simulator's token service), shared by config,
 * the simulator and the bot. Nothing here is used in production mode.
 */

/** The bot's SSO app id in local mode: the `aud` of user tokens the local identity provider issues. */
export const LOCAL_SSO_APP_ID = '00000000-0000-0000-0000-0000000550a1';

/**
 * LOCAL IDENTITY PROVIDER ONLY: the token-endpoint grant that hands a user token to whoever asks,
 * for any member of the simulated tenant (stands in for Teams SSO where no Teams client runs).
 */
export const LOCAL_USER_GRANT = 'urn:mfa-assistant:local-identity-provider:user';
