using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Coffer.Api.Tests.Management;
using Coffer.Api.Tests.TestSupport;
using Coffer.Core;
using Coffer.Core.Audit;
using Coffer.Core.Identity;
using Microsoft.Data.Sqlite;

namespace Coffer.Api.Tests.Audit;

/// <summary>
/// Audit records of raw HTTP calls: key operations, the management API, refusals before routing; the records carry no
/// value, key material or token; an unwritable audit journal refuses requests (503) until it is writable again, and a
/// locked audit database only delays indexing.
/// </summary>
public sealed class AuditRecordTests(AuditServerFixture fixture) : IClassFixture<AuditServerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task KeySign_RawHttp_RecordedAsKeySignWithTheCallerAndKey()
    {
        // Arrange
        var name = Names.Unique("audit-sign");
        var dev = await DevAsync();
        await fixture.CreateKeyAsync(name, """{"kty":"EC","crv":"P-256"}""");
        var digest = KeyCalls.B64(SHA256.HashData("audited"u8));

        // Act
        using var request = fixture.Request(HttpMethod.Post, KeyCalls.Path(name, "/sign"), $$"""{"alg":"ES256","value":"{{digest}}"}""");
        request.Headers.Add("x-ms-client-request-id", "0f5c2b9e-4c1d-4d7a-9e51-5a1d3f2b7c01");
        using var response = await fixture.SendAsync(request);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var record = Assert.Single(await fixture.RecordsAsync(new AuditQuery { VaultName = "dev", OperationNames = ["KeySign"], CallerId = dev.PrincipalId.ToString("D") }),
            r => r.ObjectUri == $"{fixture.VaultOrigin}/keys/{name}");
        Assert.Equal("Success", record.ResultType);
        Assert.Equal("OK", record.ResultSignature);
        Assert.Equal(200, record.HttpStatusCode);
        Assert.Equal(ServerFixture.ApiVersion, record.OperationVersion);
        Assert.Equal("0f5c2b9e-4c1d-4d7a-9e51-5a1d3f2b7c01", record.CorrelationId);
        Assert.Equal(new AuditIdentity(dev.PrincipalId.ToString("D"), dev.ClientId.ToString("D"), null) { TenantId = fixture.GetService<Deployment>().TenantId.ToString("D") }, record.Identity);
        Assert.Equal(AuditAuthorization.Rbac, record.Authorization);
        Assert.Equal("127.0.0.1", record.CallerIpAddress);
        Assert.EndsWith("/providers/Microsoft.KeyVault/vaults/dev", record.ResourceId, StringComparison.Ordinal);
        Assert.Equal($"{fixture.VaultOrigin}/keys/{name}/sign?api-version={ServerFixture.ApiVersion}", record.RequestUri);
        Assert.Equal(AuditCategory.AuditEvent, record.Category);
    }

    [Fact]
    public async Task Unauthenticated_And_Forbidden_RecordedWithTheOperationTheyAimedAt()
    {
        // Arrange
        var name = Names.Unique("audit-denied");
        await fixture.SetSecretAsync(name, "not for them");
        var (stranger, token) = await fixture.CallerWithRoleAsync(role: null);

        // Act
        using var anonymous = await fixture.SendAsync(fixture.RequestAs(null, HttpMethod.Get, SecretCalls.Path(name)));
        using var forbidden = await fixture.SendAsync(fixture.RequestAs(token, HttpMethod.Get, SecretCalls.Path(name)));

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        var records = await fixture.RecordsAsync(new AuditQuery { VaultName = "dev", OperationNames = ["SecretGet"], ResultTypes = ["Unauthorized", "Forbidden"] });
        var mine = records.Where(r => r.ObjectUri == $"{fixture.VaultOrigin}/secrets/{name}" || r.RequestUri.Contains($"/secrets/{name}?", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, mine.Count);
        Assert.Equal(("Unauthorized", "Unauthorized", 401), (mine[0].ResultType, mine[0].ResultSignature, mine[0].HttpStatusCode));
        Assert.Null(mine[0].Identity);
        Assert.Equal(AuditAuthorization.None, mine[0].Authorization);
        Assert.Equal("Unauthorized", mine[0].ResultDescription);
        Assert.Equal(("Forbidden", 403), (mine[1].ResultType, mine[1].HttpStatusCode));
        Assert.Equal(stranger.PrincipalId.ToString("D"), mine[1].Identity?.ObjectId);
        Assert.Equal(AuditAuthorization.Rbac, mine[1].Authorization);
    }

    [Fact]
    public async Task VaultPut_ManagementApi_RecordedAsVaultPutOnItsResourceId()
    {
        // Arrange
        var name = Names.Unique("au").Replace("-", "", StringComparison.Ordinal)[..20];
        var path = $"{Management.ManagementCalls.Subscription(fixture)}/resourceGroups/audit/providers/Microsoft.KeyVault/vaults/{name}";
        var tenant = fixture.GetService<Deployment>().TenantId;

        // Act
        using var put = await fixture.ArmAsync(fixture.Token, HttpMethod.Put, path + "?api-version=2023-07-01",
            """{"location":"local","properties":{"tenantId":"TENANT","sku":{"family":"A","name":"standard"}}}""".Replace("TENANT", tenant.ToString("D"), StringComparison.Ordinal));
        using var get = await fixture.ArmAsync(null, HttpMethod.Get, path + "?api-version=2023-07-01");

        // Assert
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, get.StatusCode);
        var records = (await fixture.RecordsAsync(new AuditQuery { OperationNames = ["VaultPut", "VaultGet"] })).Where(r => r.ResourceId == path).ToList();
        Assert.Equal(["VaultPut", "VaultGet"], records.Select(r => r.OperationName));
        Assert.Equal([201, 401], records.Select(r => r.HttpStatusCode));
        Assert.Equal((await DevAsync()).PrincipalId.ToString("D"), records[0].Identity?.ObjectId);
        Assert.Null(records[1].Identity);
    }

    [Fact]
    public async Task ValuesKeyMaterialAndTokens_AreNowhereInTheAuditStoreSinkOrLogs()
    {
        // Arrange
        var value = "audit-secret-value-" + Guid.NewGuid().ToString("N");
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var parameters = ec.ExportParameters(includePrivateParameters: true);
        var d = KeyCalls.B64(parameters.D);
        var key = Names.Unique("audit-import");
        var jwk = $$$"""{"key":{"kty":"EC","crv":"P-256","x":"{{{KeyCalls.B64(parameters.Q.X)}}}","y":"{{{KeyCalls.B64(parameters.Q.Y)}}}","d":"{{{d}}}"}}""";

        // Act
        await fixture.SetSecretAsync(Names.Unique("audit-value"), value);
        using (var read = await fixture.SendAsync(HttpMethod.Put, KeyCalls.Path(key), jwk))
        {
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }

        using (var badQuery = await fixture.SendAsync(HttpMethod.Get, $"/secrets?api-version={ServerFixture.ApiVersion}&client_secret={value}"))
        {
            Assert.Equal(HttpStatusCode.OK, badQuery.StatusCode);
        }

        // Assert
        var stored = await ReadSharedAsync(fixture.AuditDatabase) + await ReadSharedAsync(fixture.AuditDatabase + "-wal") + await ReadSharedAsync(fixture.AuditJournal);
        var sink = await ReadSharedAsync(fixture.AuditFile);
        var logs = string.Join('\n', fixture.Logs);
        Assert.Contains("client_secret=REDACTED", sink, StringComparison.Ordinal);
        Assert.Contains(key, sink, StringComparison.Ordinal);
        foreach (var forbidden in new[] { value, d, fixture.Token })
        {
            Assert.DoesNotContain(forbidden, stored, StringComparison.Ordinal);
            Assert.DoesNotContain(forbidden, sink, StringComparison.Ordinal);
            Assert.DoesNotContain(forbidden, logs, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AuditJournalUnwritable_RequestsRefused503_ThenServedAndAuditedWhenWritable()
    {
        // Arrange: as root, file modes would not stop the writer; the immutable flag does, even on its open file.
        var name = Names.Unique("audit-refused");
        var value = "held-back-" + Guid.NewGuid().ToString("N");
        await fixture.SetSecretAsync(name, value);
        await ChattrAsync("+i", fixture.AuditJournal);

        // Act
        HttpResponseMessage refused;
        try
        {
            refused = await fixture.SendAsync(HttpMethod.Get, SecretCalls.Path(name));
        }
        finally
        {
            await ChattrAsync("-i", fixture.AuditJournal);
        }

        var refusedBody = await refused.Content.ReadAsStringAsync(Ct);
        using var served = await fixture.SendAsync(HttpMethod.Get, SecretCalls.Path(name));

        // Assert
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("5", refused.Headers.GetValues("Retry-After").Single());
        Assert.Equal("ServiceUnavailable", JsonDocument.Parse(refusedBody).RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.DoesNotContain(value, refusedBody, StringComparison.Ordinal);
        refused.Dispose();
        Assert.Equal(value, (await Wire.AssertJsonAsync(served)).GetProperty("value").GetString());
        var gets = (await fixture.RecordsAsync(new AuditQuery { VaultName = "dev", OperationNames = ["SecretGet"] }))
            .Where(r => r.ObjectUri == $"{fixture.VaultOrigin}/secrets/{name}").ToList();
        Assert.Equal(200, Assert.Single(gets).HttpStatusCode);
        Assert.Contains(fixture.Logs, line => line.StartsWith("5000 ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AuditDatabaseLocked_RequestsServedFromTheJournal_AndQueryableOnceReleased()
    {
        // Arrange: audit.db cannot be written, but the journal, where a record is durable, can.
        var name = Names.Unique("audit-locked");
        var value = "journaled-" + Guid.NewGuid().ToString("N");
        await fixture.SetSecretAsync(name, value);
        await using var blocker = new SqliteConnection($"Data Source={fixture.AuditDatabase};Pooling=False");
        await blocker.OpenAsync(Ct);
        await using var exclusive = blocker.CreateCommand();
        exclusive.CommandText = "BEGIN EXCLUSIVE;";
        await exclusive.ExecuteNonQueryAsync(Ct);

        // Act
        using var served = await fixture.SendAsync(HttpMethod.Get, SecretCalls.Path(name));
        var journal = await ReadSharedAsync(fixture.AuditJournal);
        exclusive.CommandText = "ROLLBACK;";
        await exclusive.ExecuteNonQueryAsync(Ct);
        var gets = (await fixture.RecordsAsync(new AuditQuery { VaultName = "dev", OperationNames = ["SecretGet"] }))
            .Where(r => r.ObjectUri == $"{fixture.VaultOrigin}/secrets/{name}").ToList();

        // Assert
        Assert.Equal(value, (await Wire.AssertJsonAsync(served)).GetProperty("value").GetString());
        Assert.Contains($"/secrets/{name}", journal, StringComparison.Ordinal);
        Assert.Equal(200, Assert.Single(gets).HttpStatusCode);
    }

    private static async Task ChattrAsync(string flag, string path)
    {
        using var chattr = System.Diagnostics.Process.Start("chattr", [flag, path]);
        await chattr.WaitForExitAsync(Ct);
        Assert.True(chattr.ExitCode == 0, $"chattr {flag} {path} failed: the audit journal must be on a file system with the immutable flag (ext4, xfs, btrfs, tmpfs).");
    }

    private async Task<ManagedIdentity> DevAsync() => (await fixture.GetService<IdentityService>().FindAsync("dev", Ct))!; // --dev creates it

    private static async Task<string> ReadSharedAsync(string path)
    {
        if (!File.Exists(path))
        {
            return "";
        }

        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream, System.Text.Encoding.Latin1);
        return await reader.ReadToEndAsync(Ct);
    }
}
