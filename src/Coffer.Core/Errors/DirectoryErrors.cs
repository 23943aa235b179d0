namespace Coffer.Core.Errors;

/// <summary>
/// The directory (Microsoft Graph-shaped) API's errors, with Graph's codes: <c>{"error":{"code","message"}}</c>.
/// Messages name ids and fields, never a secret.
/// </summary>
public static class DirectoryErrors
{
    public const string BadRequestCode = "Request_BadRequest";
    public const string ResourceNotFoundCode = "Request_ResourceNotFound";
    public const string UnsupportedQueryCode = "Request_UnsupportedQuery";

    public static CofferException BadRequest(string message) => new(400, BadRequestCode, message);

    public static CofferException UnsupportedQuery(string message) => new(400, UnsupportedQueryCode, message);

    public static CofferException ServicePrincipalNotFound(string id) =>
        new(404, ResourceNotFoundCode, $"Resource '{id}' does not exist or one of its queried reference-property objects are not present.");

    public static CofferException PasswordNotFound(Guid keyId) =>
        new(404, ResourceNotFoundCode, $"No password credential with keyId '{keyId:D}' exists on this service principal.");

    public static CofferException DisplayNameTaken(string displayName) =>
        new(409, ErrorCodes.Conflict, $"A service principal with displayName '{displayName}' already exists.");
}
