using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Coffer.Api.Tests.TestSupport;

/// <summary>Takes compact JWS tokens apart and builds forged ones.</summary>
internal static class Jwt
{
    public static (JsonObject Header, JsonObject Payload, string Signature) Parse(string token)
    {
        var parts = token.Split('.');
        Assert.Equal(3, parts.Length);
        return (ParseSegment(parts[0]), ParseSegment(parts[1]), parts[2]);
    }

    public static JsonObject ParseSegment(string segment) =>
        JsonNode.Parse(Base64UrlDecode(segment))?.AsObject() ?? throw new InvalidOperationException("The segment is JSON null.");

    public static string Encode(JsonObject json) => Base64UrlEncode(Encoding.UTF8.GetBytes(json.ToJsonString()));

    public static string Base64UrlEncode(ReadOnlySpan<byte> data) => System.Buffers.Text.Base64Url.EncodeToString(data);

    public static byte[] Base64UrlDecode(string text) => System.Buffers.Text.Base64Url.DecodeFromChars(text);

    /// <summary>An RS256 token over the given header and payload, signed with <paramref name="key"/>.</summary>
    public static string SignRs256(JsonObject header, JsonObject payload, RSA key)
    {
        var input = Encode(header) + "." + Encode(payload);
        var signature = key.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return input + "." + Base64UrlEncode(signature);
    }

    /// <summary>An HS256 token whose HMAC key is <paramref name="secret"/> (the classic RS256/HS256 confusion).</summary>
    public static string SignHs256(JsonObject header, JsonObject payload, byte[] secret)
    {
        var input = Encode(header) + "." + Encode(payload);
        return input + "." + Base64UrlEncode(HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(input)));
    }

    public static JsonObject Clone(JsonObject json) => JsonNode.Parse(json.ToJsonString())!.AsObject(); // a copy of a non-null object is not null

    public static long Seconds(JsonObject payload, string claim)
    {
        var node = payload[claim];
        Assert.NotNull(node);
        Assert.Equal(JsonValueKind.Number, node.GetValueKind());
        return node.GetValue<long>();
    }
}
