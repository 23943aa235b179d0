using Coffer.Core.Audit;

namespace Coffer.Core.Tests.Audit;

public sealed class AuditChainTests
{
    private static readonly AuditRecord Sample = new()
    {
        Time = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero).AddTicks(1234567),
        ResourceId = "/subscriptions/5d1b0c4e-2a55-4a40-8f3b-3b7e8f0a9c11/resourceGroups/coffer/providers/Microsoft.KeyVault/vaults/dev",
        VaultName = "dev",
        OperationName = "SecretGet",
        ResultType = "Success",
        ResultSignature = "OK",
        RequestUri = "https://dev.localhost/secrets/s?api-version=7.6",
        HttpStatusCode = 200,
        Identity = new AuditIdentity("oid", "app", null),
    };

    [Fact]
    public void Seal_TwoRecords_LinksTheSecondToTheFirstAndTruncatesToMicroseconds()
    {
        // Act
        var first = AuditChain.Seal(Sample, "node-a", null);
        var second = AuditChain.Seal(Sample, "node-a", new AuditChainHead("node-a", first.Sequence, first.Hash));

        // Assert
        Assert.Equal((1L, AuditChain.GenesisHash), (first.Sequence, first.PreviousHash));
        Assert.Equal((2L, first.Hash), (second.Sequence, second.PreviousHash));
        Assert.NotEqual(first.Hash, second.Hash);
        Assert.Equal(0, first.Time.Ticks % TimeSpan.TicksPerMicrosecond);
        Assert.Matches("^[0-9a-f]{64}$", first.Hash);
    }

    [Fact]
    public void ComputeHash_AnyFieldChanged_DiffersFromTheSealedHash()
    {
        // Arrange
        var sealedRecord = AuditChain.Seal(Sample, "node-a", null);
        AuditRecord[] altered =
        [
            sealedRecord with { OperationName = "SecretSet" },
            sealedRecord with { HttpStatusCode = 403 },
            sealedRecord with { Time = sealedRecord.Time.AddTicks(10) },
            sealedRecord with { Identity = null },
            sealedRecord with { Identity = new AuditIdentity("oid", "app", "upn") },
            sealedRecord with { VaultName = null, ObjectUri = "" },
            sealedRecord with { Authorization = AuditAuthorization.AccessPolicy },
            sealedRecord with { Sequence = 2 },
        ];

        // Act
        var hashes = altered.Select(AuditChain.ComputeHash).ToList();

        // Assert
        Assert.Equal(sealedRecord.Hash, AuditChain.ComputeHash(sealedRecord));
        Assert.DoesNotContain(sealedRecord.Hash, hashes);
        Assert.Equal(hashes.Count, hashes.Distinct().Count());
    }
}
