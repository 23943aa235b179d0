using System.Net;
using System.Text.Json.Nodes;

namespace Coffer.Server.Cli.Client;

/// <summary>Turns what a user types (a role name, an app id) into what the API takes (a role GUID, an object id), as az does.</summary>
internal static class RoleLookup
{
    public const string ApiVersion = "api-version=2022-04-01";

    /// <summary>The role's GUID: given as such, or found by <c>roleName eq '…'</c>.</summary>
    public static async Task<string> RoleGuidAsync(CofferConnection connection, string role, CancellationToken cancellationToken)
    {
        if (Guid.TryParse(role, out var guid))
        {
            return guid.ToString("D");
        }

        var subscription = await connection.SubscriptionIdAsync(cancellationToken);
        var filter = Uri.EscapeDataString($"roleName eq '{role.Replace("'", "''", StringComparison.Ordinal)}'");
        var found = await connection.ListAsync($"/subscriptions/{subscription}/providers/Microsoft.Authorization/roleDefinitions?{ApiVersion}&$filter={filter}", cancellationToken);
        return found.Count > 0 && found[0]?["name"] is JsonValue name && name.TryGetValue<string>(out var id)
            ? id
            : throw new CommandFailedException($"Role '{role}' doesn't exist.");
    }

    /// <summary>Role GUID to role name, for the <c>roleDefinitionName</c> that az adds to listed assignments.</summary>
    public static async Task<Dictionary<string, string>> RoleNamesAsync(CofferConnection connection, CancellationToken cancellationToken)
    {
        var subscription = await connection.SubscriptionIdAsync(cancellationToken);
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var definition in await connection.ListAsync($"/subscriptions/{subscription}/providers/Microsoft.Authorization/roleDefinitions?{ApiVersion}", cancellationToken))
        {
            if (definition?["name"]?.GetValue<string>() is { } guid && definition["properties"]?["roleName"]?.GetValue<string>() is { } roleName)
            {
                names[guid] = roleName;
            }
        }

        return names;
    }

    /// <summary>
    /// The object id behind <c>--assignee</c>: a service principal found by id or app id, else a managed identity whose
    /// client id or principal id it is, else the GUID itself (an external principal, say, named by Coffer's 403).
    /// </summary>
    public static async Task<string> ObjectIdAsync(CofferConnection connection, string assignee, CancellationToken cancellationToken)
    {
        var (status, body, message) = await connection.TrySendAsync(HttpMethod.Get, "/v1.0/servicePrincipals/" + Uri.EscapeDataString(assignee), null, cancellationToken);
        if (status == HttpStatusCode.OK && body?["id"]?.GetValue<string>() is { } objectId)
        {
            return objectId;
        }

        if (status != HttpStatusCode.NotFound && status != HttpStatusCode.BadRequest)
        {
            throw new CommandFailedException(message);
        }

        var subscription = await connection.SubscriptionIdAsync(cancellationToken);
        var identities = await connection.ListAsync($"/subscriptions/{subscription}/providers/Microsoft.ManagedIdentity/userAssignedIdentities?api-version={CofferConnection.ArmApiVersion}", cancellationToken);
        foreach (var identity in identities)
        {
            var properties = identity?["properties"];
            if (string.Equals(properties?["clientId"]?.GetValue<string>(), assignee, StringComparison.OrdinalIgnoreCase) ||
                string.Equals(properties?["principalId"]?.GetValue<string>(), assignee, StringComparison.OrdinalIgnoreCase))
            {
                return properties!["principalId"]!.GetValue<string>(); // matched on it, or on the client id of an identity that has one
            }
        }

        return Guid.TryParse(assignee, out var guid)
            ? guid.ToString("D")
            : throw new CommandFailedException($"Cannot find user or service principal in graph database for '{assignee}'.");
    }
}
