using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Coffer.Core.Authorization;

/// <summary>
/// A vault's access policies as every store keeps them: a JSON array in the vault's row (at most a few hundred entries,
/// read with the vault). One format for all stores, since <c>coffer store copy</c> moves rows as they are stored.
/// </summary>
public static class AccessPolicyFormat
{
    public static string? Write(IReadOnlyList<AccessPolicy> policies)
    {
        if (policies.Count == 0)
        {
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>(128 * policies.Count);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var policy in policies)
            {
                writer.WriteStartObject();
                writer.WriteString("tenantId", policy.TenantId);
                writer.WriteString("objectId", policy.ObjectId);
                if (policy.ApplicationId is { } application)
                {
                    writer.WriteString("applicationId", application);
                }

                WriteList(writer, "keys", policy.Permissions.Keys);
                WriteList(writer, "secrets", policy.Permissions.Secrets);
                WriteList(writer, "certificates", policy.Permissions.Certificates);
                WriteList(writer, "storage", policy.Permissions.Storage);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static IReadOnlyList<AccessPolicy> Read(string? json)
    {
        if (json is null)
        {
            return [];
        }

        // Written by Write above, so every member is present with the type written.
        using var document = JsonDocument.Parse(json);
        var policies = new List<AccessPolicy>();
        foreach (var entry in document.RootElement.EnumerateArray())
        {
            Guid? application = entry.TryGetProperty("applicationId", out var app) ? app.GetGuid() : null;
            policies.Add(new AccessPolicy(
                entry.GetProperty("tenantId").GetGuid(),
                entry.GetProperty("objectId").GetGuid(),
                application,
                new AccessPolicyPermissions(ReadList(entry, "keys"), ReadList(entry, "secrets"), ReadList(entry, "certificates"), ReadList(entry, "storage"))));
        }

        return policies;
    }

    private static void WriteList(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    private static string[] ReadList(JsonElement entry, string name) =>
        [.. entry.GetProperty(name).EnumerateArray().Select(v => v.GetString()!)]; // written as strings above
}
