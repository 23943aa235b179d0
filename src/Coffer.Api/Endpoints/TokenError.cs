namespace Coffer.Api.Endpoints;

/// <summary>A refused token request: HTTP status, OAuth error, AADSTS code and message (never a secret).</summary>
internal sealed record TokenError(int Status, string Error, int Code, string Message)
{
    public static TokenError MissingParameter(string name) =>
        new(400, "invalid_request", 900144, $"The request body must contain the following parameter: '{name}'.");

    public static TokenError UnknownTenant(string tenant) =>
        new(400, "invalid_request", 90002, $"Tenant '{Truncate(tenant)}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.");

    public static TokenError UnsupportedGrant(string grant) =>
        new(400, "unsupported_grant_type", 70003, $"The app requested an unsupported grant type '{Truncate(grant)}'. Coffer supports 'client_credentials'.");

    public static TokenError InvalidScope(string scope) =>
        new(400, "invalid_scope", 1002012,
            $"The provided value for scope {Truncate(scope)} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).");

    public static TokenError UnknownResource(string resource, string tenant) =>
        new(400, "invalid_resource", 500011,
            $"The resource principal named {Truncate(resource)} was not found in the tenant named {tenant}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.");

    public static TokenError UnknownClient(string clientId, string tenant) =>
        new(400, "unauthorized_client", 700016,
            $"Application with identifier '{(Guid.TryParse(clientId, out _) ? clientId : "(not a GUID)")}' was not found in the directory '{tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.");

    public static TokenError MissingSecret() =>
        new(401, "invalid_client", 7000216, "'client_secret' is required for the 'client_credentials' grant type. Coffer does not accept client assertions.");

    public static TokenError InvalidSecret(Guid appId) =>
        new(401, "invalid_client", 7000215,
            $"Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '{appId:D}'.");

    public static TokenError ExpiredSecret(Guid appId) =>
        new(401, "invalid_client", 7000222,
            $"The provided client secret keys for app '{appId:D}' are expired. Create a new secret with addPassword (coffer ad sp credential reset).");

    public static TokenError ConflictingClientAuthentication() =>
        new(400, "invalid_request", 90014, "The client credentials are sent both in the Authorization header and in the body, and they differ.");

    /// <summary>Echoed request values are cut short: an error body is no place for a long payload.</summary>
    private static string Truncate(string value) => value.Length <= 200 ? value : value[..200] + "…";
}
