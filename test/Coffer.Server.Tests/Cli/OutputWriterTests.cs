using System.Text.Json.Nodes;
using Coffer.Server.Cli;
using Coffer.Server.Cli.Client;

namespace Coffer.Server.Tests.Cli;

/// <summary>JSON, table and TSV as az (knack) prints them.</summary>
public sealed class OutputWriterTests
{
    private static JsonArray Identities() =>
    [
        new JsonObject
        {
            ["type"] = "Microsoft.ManagedIdentity/userAssignedIdentities", ["name"] = "app", ["id"] = "/subscriptions/s/resourceGroups/default/providers/x/app",
            ["tags"] = new JsonObject(), ["principalId"] = "p1", ["location"] = "local", ["enabled"] = true, ["count"] = 3, ["note"] = null,
        },
        new JsonObject { ["name"] = "worker-long-name", ["location"] = "eu", ["list"] = new JsonArray(1, 2), ["principalId"] = "p2" },
    ];

    [Fact]
    public void Json_SortsKeysDeeplyAndIndentsByTwo()
    {
        // Act
        var text = OutputWriter.Format(new JsonObject { ["b"] = 1, ["a"] = new JsonObject { ["z"] = "é+'", ["y"] = new JsonArray() } }, OutputFormat.Json);

        // Assert
        Assert.Equal("{\n  \"a\": {\n    \"y\": [],\n    \"z\": \"é+'\"\n  },\n  \"b\": 1\n}\n", text.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Table_ScalarColumnsSortedAndCapitalized_IdTypeNullsAndNestedLeftOut()
    {
        // Act
        var lines = OutputWriter.Format(Identities(), OutputFormat.Table).Split('\n');

        // Assert
        Assert.Equal("Count  Enabled  Location  Name              PrincipalId", lines[0]);
        Assert.Equal("-----  -------  --------  ----------------  -----------", lines[1]);
        Assert.Equal("3      True     local     app               p1", lines[2]);
        Assert.Equal("                eu        worker-long-name  p2", lines[3]);
        Assert.Equal(string.Empty, lines[4]);
    }

    [Fact]
    public void Tsv_ValuesInKeyOrder_ListAsCount_ObjectEmpty_NullNone()
    {
        // Act
        var text = OutputWriter.Format(Identities(), OutputFormat.Tsv);

        // Assert: count, enabled, id, location, name, note, principalId, tags, type / list, location, name, principalId.
        Assert.Equal(
            "3\tTrue\t/subscriptions/s/resourceGroups/default/providers/x/app\tlocal\tapp\tNone\tp1\t\tMicrosoft.ManagedIdentity/userAssignedIdentities\n" +
            "2\teu\tworker-long-name\tp2\n",
            text);
    }

    [Fact]
    public void None_PrintsNothing() => Assert.Equal(string.Empty, OutputWriter.Format(Identities(), OutputFormat.None));

    [Theory]
    [InlineData(null, "Json")]
    [InlineData("TABLE", "Table")]
    [InlineData("tsv", "Tsv")]
    public void Parse_KnownFormats(string? text, string expected) => Assert.Equal(expected, OutputWriter.Parse(text).ToString());

    [Fact]
    public void Parse_UnknownFormat_ThrowsUsageException() => Assert.Throws<UsageException>(() => OutputWriter.Parse("yaml"));
}
