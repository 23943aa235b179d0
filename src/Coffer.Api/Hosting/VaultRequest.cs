using Coffer.Core.Identity;
using Coffer.Core.Vaults;

namespace Coffer.Api.Hosting;

/// <summary>
/// What the data-plane pipeline established before routing: the vault named by the host, the verified caller,
/// the vault URI ids are built from, and the request's api-version (echoed in next links).
/// </summary>
internal sealed record VaultRequest(Vault Vault, Principal Principal, string VaultUri, string ApiVersion);
