using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Coffer.Testing;

/// <summary>
/// A second, independent OpenID issuer for tests (a stand-in for Entra ID or Keycloak): a tiny Kestrel app on
/// 127.0.0.1 serving discovery and JWKS for the keys it currently publishes, and signing tokens with its own keys.
/// It counts the JWKS requests, so tests can see how often Coffer fetches.
/// </summary>
public sealed class TestOpenIdIssuer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, AsymmetricAlgorithm> _published = new(StringComparer.Ordinal);
    private int _jwksRequests;

    private TestOpenIdIssuer(WebApplication app) => _app = app;

    /// <summary><c>http://127.0.0.1:{port}/realms/test</c>, as its tokens' <c>iss</c> write it.</summary>
    public string Issuer { get; private set; } = string.Empty;

    /// <summary>What the discovery document claims as issuer; a test sets another value to play an impostor.</summary>
    public string? DiscoveryIssuer { get; set; }

    public int JwksRequests => Volatile.Read(ref _jwksRequests);

    public static async Task<TestOpenIdIssuer> StartAsync(string realm = "test")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var issuer = new TestOpenIdIssuer(app);
        app.MapGet($"/realms/{realm}/.well-known/openid-configuration", () => Results.Text(
            new JsonObject { ["issuer"] = issuer.DiscoveryIssuer ?? issuer.Issuer, ["jwks_uri"] = issuer.Issuer + "/jwks", ["id_token_signing_alg_values_supported"] = new JsonArray("RS256", "ES256") }.ToJsonString(),
            "application/json"));
        app.MapGet($"/realms/{realm}/jwks", () =>
        {
            Interlocked.Increment(ref issuer._jwksRequests);
            return Results.Text(issuer.Jwks().ToJsonString(), "application/json");
        });
        await app.StartAsync();
        // Kestrel always has the addresses feature once started.
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        issuer.Issuer = $"{address.TrimEnd('/')}/realms/{realm}";
        return issuer;
    }

    /// <summary>Adds a key to the JWKS and returns it (<c>RS256</c>: RSA 2048, <c>ES256</c>: P-256).</summary>
    public AsymmetricAlgorithm Publish(string kid, string algorithm = "RS256")
    {
        AsymmetricAlgorithm key = algorithm == "ES256" ? ECDsa.Create(ECCurve.NamedCurves.nistP256) : RSA.Create(2048);
        _published[kid] = key;
        return key;
    }

    /// <summary>Stops publishing a key (it can still sign, as a leaked or retired key would).</summary>
    public void Withdraw(string kid) => _published.TryRemove(kid, out _);

    public AsymmetricAlgorithm Key(string kid) => _published[kid];

    /// <summary>Claims of a typical access token: this issuer, the audience, now ± minutes, the subject.</summary>
    public JsonObject Claims(string audience, string subject, TimeSpan? expiresIn = null)
    {
        var now = DateTimeOffset.UtcNow;
        return new JsonObject
        {
            ["iss"] = Issuer,
            ["aud"] = audience,
            ["sub"] = subject,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.AddMinutes(-1).ToUnixTimeSeconds(),
            ["exp"] = now.Add(expiresIn ?? TimeSpan.FromHours(1)).ToUnixTimeSeconds(),
            ["azp"] = "coffer-test-client",
        };
    }

    /// <summary>A compact JWS over <paramref name="claims"/>, signed by <paramref name="key"/> under the header's kid and alg.</summary>
    public static string Sign(JsonObject claims, string kid, AsymmetricAlgorithm key, string? algorithm = null)
    {
        algorithm ??= key is ECDsa ? "ES256" : "RS256";
        var input = Encode(new JsonObject { ["alg"] = algorithm, ["kid"] = kid, ["typ"] = "JWT" }) + "." + Encode(claims);
        var bytes = Encoding.ASCII.GetBytes(input);
        var signature = key is ECDsa ec
            ? ec.SignData(bytes, HashAlgorithmName.SHA256)
            : ((RSA)key).SignData(bytes, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return input + "." + System.Buffers.Text.Base64Url.EncodeToString(signature);
    }

    /// <summary>A token signed with a published key.</summary>
    public string Token(JsonObject claims, string kid) => Sign(claims, kid, _published[kid]);

    public static string Encode(JsonObject json) => System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json.ToJsonString()));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        foreach (var key in _published.Values)
        {
            key.Dispose();
        }
    }

    private JsonObject Jwks()
    {
        var keys = new JsonArray();
        foreach (var (kid, key) in _published)
        {
            if (key is RSA rsa)
            {
                var p = rsa.ExportParameters(false);
                keys.Add(new JsonObject { ["kty"] = "RSA", ["use"] = "sig", ["alg"] = "RS256", ["kid"] = kid, ["n"] = B64(p.Modulus!), ["e"] = B64(p.Exponent!) });
            }
            else
            {
                var p = ((ECDsa)key).ExportParameters(false);
                keys.Add(new JsonObject { ["kty"] = "EC", ["use"] = "sig", ["crv"] = "P-256", ["kid"] = kid, ["x"] = B64(p.Q.X!), ["y"] = B64(p.Q.Y!) });
            }
        }

        return new JsonObject { ["keys"] = keys };
    }

    private static string B64(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);
}
