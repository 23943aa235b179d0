using Coffer.Core.Audit;

namespace Coffer.Core.Tests.Audit;

/// <summary>Positions in the audit log's arrival order: per chain, the furthest wins; the stored form round-trips.</summary>
public sealed class ChainSequencesTests
{
    private static AuditRecord Record(string chain, long sequence) => new()
    {
        ChainId = chain,
        Sequence = sequence,
        Time = DateTimeOffset.UnixEpoch,
        ResourceId = "/subscriptions/5d1b0c4e-2a55-4a40-8f3b-3b7e8f0a9c11",
        OperationName = "SecretGet",
        ResultType = "Success",
        ResultSignature = "OK",
        RequestUri = "https://billing.localhost/secrets/s",
        HttpStatusCode = 200,
    };

    [Fact]
    public void With_MovesOnlyForward_PerChain()
    {
        // Act
        var position = ChainSequences.Empty.With(Record("node-b", 4)).With(Record("local", 9)).With(Record("node-b", 2));

        // Assert
        Assert.Equal("local:9,node-b:4", position.ToString());
        Assert.True(position.Includes(Record("node-b", 4)));
        Assert.True(position.Includes(Record("node-b", 1)));
        Assert.False(position.Includes(Record("node-b", 5)));
        Assert.False(position.Includes(Record("node-c", 1)));
    }

    [Fact]
    public void Union_TakesTheFurtherOfEachChain()
    {
        // Arrange
        var left = ChainSequences.Parse("a:5,b:1");
        var right = ChainSequences.Parse("b:7,c:2,a:3");

        // Act
        var union = left.Union(right);

        // Assert
        Assert.Equal(ChainSequences.Parse("a:5,b:7,c:2"), union);
        Assert.Equal(union, right.Union(left));
        Assert.Equal(union.GetHashCode(), right.Union(left).GetHashCode());
    }

    [Theory]
    [InlineData("")]
    [InlineData("local:0")]
    [InlineData("0a1b2c3d4e5f60718293a4b5c6d7e8f9:123456789012,local:42")]
    public void Parse_ItsOwnText_RoundTrips(string text)
    {
        // Act
        var parsed = ChainSequences.Parse(text);

        // Assert
        Assert.Equal(text, parsed.ToString());
    }

    [Theory]
    [InlineData("local")]
    [InlineData(":5")]
    [InlineData("local:-1")]
    [InlineData("local:x")]
    [InlineData("a:1,,b:2")]
    public void Parse_SomethingElse_FormatException(string text) =>
        Assert.Throws<FormatException>(() => ChainSequences.Parse(text));
}
