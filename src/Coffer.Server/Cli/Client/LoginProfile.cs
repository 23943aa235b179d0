using System.Text.Json.Nodes;
using Coffer.Server.Hosting;

namespace Coffer.Server.Cli.Client;

/// <summary>
/// The service principal saved by <c>coffer login</c>, in <c>{config}/profile.json</c> (mode 0600, directory 0700), as
/// az keeps its service-principal secret in <c>~/.azure</c>. <c>coffer logout</c> deletes the file.
/// </summary>
internal sealed record LoginProfile(string Server, string Tenant, string ClientId, string ClientSecret)
{
    public const string FileName = "profile.json";

    public static string PathIn(ClientEnvironment environment) => Path.Combine(environment.ConfigDirectory, FileName);

    public static LoginProfile? Load(ClientEnvironment environment)
    {
        var path = PathIn(environment);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            var json = JsonNode.Parse(File.ReadAllText(path))?.AsObject();
            return json is not null && Read(json, "server") is { } server && Read(json, "tenant") is { } tenant &&
                   Read(json, "clientId") is { } clientId && Read(json, "clientSecret") is { } secret
                ? new LoginProfile(server, tenant, clientId, secret)
                : throw new CommandFailedException($"The login profile {path} is incomplete; run 'coffer login' again.");
        }
        catch (System.Text.Json.JsonException)
        {
            throw new CommandFailedException($"The login profile {path} is not valid JSON; run 'coffer login' again.");
        }
    }

    public void Save(ClientEnvironment environment)
    {
        FileSystem.CreatePrivateDirectory(environment.ConfigDirectory);
        var json = new JsonObject { ["server"] = Server, ["tenant"] = Tenant, ["clientId"] = ClientId, ["clientSecret"] = ClientSecret };
        FileSystem.WritePrivateFile(PathIn(environment), json.ToJsonString());
    }

    /// <summary>Deletes the saved profile; says whether there was one.</summary>
    public static bool Delete(ClientEnvironment environment)
    {
        var path = PathIn(environment);
        if (!File.Exists(path))
        {
            return false;
        }

        File.Delete(path);
        return true;
    }

    /// <summary>Never prints the secret (records print every member by default).</summary>
    public override string ToString() => $"LoginProfile {{ Server = {Server}, Tenant = {Tenant}, ClientId = {ClientId} }}";

    private static string? Read(JsonObject json, string name) =>
        json[name] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;
}
