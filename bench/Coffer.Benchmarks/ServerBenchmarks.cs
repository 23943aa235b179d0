using System.Net.Http.Headers;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Coffer.Api.Contracts;
using Coffer.Core.Abstractions;
using Coffer.Core.Authorization;
using Coffer.Core.Identity;
using Coffer.Core.Secrets;
using Coffer.Core.Vaults;
using Coffer.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Coffer.Benchmarks;

/// <summary>
/// The steps of an authenticated secret GET against a real Coffer (SQLite store, dev vault, managed identity 'dev'),
/// each on its own, and the whole request over HTTPS on loopback. Allocated bytes per operation are the figure to
/// watch; times include the machine's noise.
/// </summary>
[MemoryDiagnoser]
public class ServerBenchmarks
{
    private const string SecretName = "bench";
    private CofferServer _server = null!;
    private HttpClient _client = null!;
    private string _token = null!;
    private string _header = null!;
    private Vault _vault = null!;
    private Principal _principal = null!;
    private TokenValidator _tokens = null!;
    private AccessEvaluator _access = null!;
    private ISecretStore _store = null!;
    private SecretService _secrets = null!;
    private SecretVersion _secret = null!;
    private string _value = null!;
    private Uri _secretUri = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _server = await CofferServer.StartAsync();
        _client = _server.CreateHttpClient();
        _token = await _server.GetTokenAsync();
        _header = "Bearer " + _token;
        var services = _server.Services;
        _tokens = services.GetRequiredService<TokenValidator>();
        _access = services.GetRequiredService<AccessEvaluator>();
        _store = services.GetRequiredService<ISecretStore>();
        _secrets = services.GetRequiredService<SecretService>();
        // The dev vault exists from the start: serve --dev creates it.
        _vault = (await services.GetRequiredService<VaultDirectory>().FindAsync("dev", CancellationToken.None))!;
        await _secrets.SetAsync(_vault, SecretName, new string('v', 64), new Core.Secrets.SecretAttributes(), CancellationToken.None);
        (_secret, _value) = await _secrets.GetAsync(_vault, SecretName, null, CancellationToken.None);
        if (!_tokens.TryValidate(_token, _server.Resource, out _principal, out var failure))
        {
            throw new InvalidOperationException("The token from the dev identity did not validate: " + failure);
        }

        _secretUri = new Uri(_server.DevVaultUri, $"/secrets/{SecretName}?api-version=2025-07-01");
        _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _token);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Benchmark]
    public bool TokenVerification() => _tokens.TryValidate(_token, _server.Resource, out _, out _);

    /// <summary>As the data plane calls it: the token straight from its header, not copied out.</summary>
    [Benchmark]
    public bool TokenVerificationFromHeader() => _tokens.TryValidate(_header.AsSpan(7), _server.Resource, out _, out _);

    [Benchmark]
    public ValueTask AuthorizationDecision() => _access.DemandAsync(_principal, _vault, SecretOperations.Get, SecretName, CancellationToken.None);

    /// <summary>The store itself, as a GET that misses the secret cache reads it.</summary>
    [Benchmark]
    public ValueTask<SecretVersion?> StoreRead() => _store.GetAsync(_vault.Id, SecretName, null, CancellationToken.None);

    /// <summary>A GET of a secret just served: the sealed version from the secret cache, then the envelope opened.</summary>
    [Benchmark]
    public async Task<string> SecretServiceGet() => (await _secrets.GetAsync(_vault, SecretName, null, CancellationToken.None)).Value;

    [Benchmark]
    public byte[] BundleSerialization() =>
        JsonSerializer.SerializeToUtf8Bytes(SecretMapper.ToBundle(_secret, _value, _vault, _server.DevVaultUri.ToString().TrimEnd('/')), CofferJsonContext.Wire.SecretBundle);

    [Benchmark]
    public async Task<int> InProcessGet()
    {
        using var response = await _client.GetAsync(_secretUri);
        var body = await response.Content.ReadAsByteArrayAsync();
        return response.IsSuccessStatusCode ? body.Length : throw new InvalidOperationException($"GET answered {(int)response.StatusCode}.");
    }
}
