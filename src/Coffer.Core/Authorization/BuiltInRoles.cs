namespace Coffer.Core.Authorization;

/// <summary>Key Vault's built-in data-plane roles with their real GUIDs and data actions.</summary>
public static class BuiltInRoles
{
    private const string Vaults = "Microsoft.KeyVault/vaults/";

    public static readonly RoleDefinition Administrator = new(
        Guid.Parse("00482a5a-887f-4fb3-b363-3b7fe8e74483"), "Key Vault Administrator", [Vaults + "*"],
        ["Microsoft.Authorization/*/read", "Microsoft.KeyVault/checkNameAvailability/read", "Microsoft.KeyVault/deletedVaults/read",
         "Microsoft.KeyVault/locations/*/read", "Microsoft.KeyVault/vaults/*/read", "Microsoft.KeyVault/operations/read"])
    {
        Description = "Perform all data plane operations on a key vault and all objects in it, including certificates, keys, and secrets. Cannot manage key vault resources or manage role assignments. Only works for key vaults that use the 'Azure role-based access control' permission model.",
    };

    public static readonly RoleDefinition Reader = new(
        Guid.Parse("21090545-7ca7-4776-b22c-e363652d74d2"), "Key Vault Reader",
        [Vaults + "*/read", Vaults + "secrets/readMetadata/action"])
    {
        Description = "Read metadata of key vaults and its certificates, keys, and secrets. Cannot read sensitive values such as secret contents or key material. Only works for key vaults that use the 'Azure role-based access control' permission model.",
    };

    public static readonly RoleDefinition SecretsOfficer = new(
        Guid.Parse("b86a8fe4-44ce-4948-aee5-eccb2c155cd7"), "Key Vault Secrets Officer", [Vaults + "secrets/*"])
    {
        Description = "Perform any action on the secrets of a key vault, except manage permissions. Only works for key vaults that use the 'Azure role-based access control' permission model.",
    };

    public static readonly RoleDefinition SecretsUser = new(
        Guid.Parse("4633458b-17de-408a-b874-0445c86b69e6"), "Key Vault Secrets User",
        [Vaults + "secrets/getSecret/action", Vaults + "secrets/readMetadata/action"])
    {
        Description = "Read secret contents. Only works for key vaults that use the 'Azure role-based access control' permission model.",
    };

    public static readonly RoleDefinition CryptoOfficer = new(
        Guid.Parse("14b46e9e-c2b7-41b4-b07b-48a6ebf60603"), "Key Vault Crypto Officer",
        [Vaults + "keys/*", Vaults + "keyrotationpolicies/*"])
    {
        Description = "Perform any action on the keys of a key vault, except manage permissions. Only works for key vaults that use the 'Azure role-based access control' permission model.",
    };

    public static readonly RoleDefinition CryptoUser = new(
        Guid.Parse("12338af0-0e69-4776-bea7-57ae8d297424"), "Key Vault Crypto User",
        [Vaults + "keys/read", Vaults + "keys/update/action", Vaults + "keys/backup/action", Vaults + "keys/encrypt/action",
         Vaults + "keys/decrypt/action", Vaults + "keys/wrap/action", Vaults + "keys/unwrap/action", Vaults + "keys/sign/action",
         Vaults + "keys/verify/action"])
    {
        Description = "Perform cryptographic operations using keys. Only works for key vaults that use the 'Azure role-based access control' permission model.",
    };

    public static readonly RoleDefinition CryptoServiceEncryptionUser = new(
        Guid.Parse("e147488a-f6f5-4113-8e2d-b22465e65bf6"), "Key Vault Crypto Service Encryption User",
        [Vaults + "keys/read", Vaults + "keys/wrap/action", Vaults + "keys/unwrap/action"])
    {
        Description = "Read metadata of keys and perform wrap/unwrap operations. Only works for key vaults that use the 'Azure role-based access control' permission model.",
    };

    public static readonly RoleDefinition CryptoServiceReleaseUser = new(
        Guid.Parse("08bbd89e-9f13-488c-ac41-acfcb10c90ab"), "Key Vault Crypto Service Release User", [Vaults + "keys/release/action"])
    {
        Description = "Release keys. Only works for key vaults that use the 'Azure role-based access control' permission model.",
    };

    public static readonly RoleDefinition CertificatesOfficer = new(
        Guid.Parse("a4417e6f-fecd-4de8-b567-7b0420556985"), "Key Vault Certificates Officer",
        [Vaults + "certificatecas/*", Vaults + "certificates/*", Vaults + "certificatecontacts/write"])
    {
        Description = "Perform any action on the certificates of a key vault, excluding reading the secret and key portions, and managing permissions. Only works for key vaults that use the 'Azure role-based access control' permission model.",
    };

    public static readonly RoleDefinition CertificateUser = new(
        Guid.Parse("db79e9a7-68ee-4b58-9aeb-b90e7c24fcba"), "Key Vault Certificate User",
        [Vaults + "certificates/read", Vaults + "secrets/getSecret/action", Vaults + "secrets/readMetadata/action", Vaults + "keys/read"])
    {
        Description = "Read entire certificate contents including secret and key portion. Only works for key vaults that use the 'Azure role-based access control' permission model.",
    };

    // Azure's general management roles: they govern the management API and grant no data access.
    public static readonly RoleDefinition Owner = new(Guid.Parse("8e3af657-a8ff-443c-a75c-2fe8c4bcb635"), "Owner", [], ["*"])
    {
        Description = "Grants full access to manage all resources, including the ability to assign roles in Azure RBAC.",
    };

    public static readonly RoleDefinition Contributor = new(
        Guid.Parse("b24988ac-6180-42a0-ab88-20f7388ca3c9"), "Contributor", [], ["*"],
        ["Microsoft.Authorization/*/Delete", "Microsoft.Authorization/*/Write", "Microsoft.Authorization/elevateAccess/Action"])
    {
        Description = "Grants full access to manage all resources, but does not allow you to assign roles in Azure RBAC, manage assignments in Azure Blueprints, or share image galleries.",
    };

    public static readonly RoleDefinition ManagementReader = new(Guid.Parse("acdd72a7-3385-48ef-bd42-f606fba81ae7"), "Reader", [], ["*/read"])
    {
        Description = "View all resources, but does not allow you to make any changes.",
    };

    public static readonly RoleDefinition UserAccessAdministrator = new(
        Guid.Parse("18d7d88d-d35e-4fb5-a5c3-7773c6a72d9d"), "User Access Administrator", [], ["*/read", "Microsoft.Authorization/*"])
    {
        Description = "Lets you manage user access to Azure resources.",
    };

    public static readonly RoleDefinition KeyVaultContributor = new(
        Guid.Parse("f25e0fa2-a7c8-4377-a976-54943a77a395"), "Key Vault Contributor", [],
        ["Microsoft.Authorization/*/read", "Microsoft.KeyVault/*", "Microsoft.Resources/subscriptions/resourceGroups/read"],
        ["Microsoft.KeyVault/locations/deletedVaults/purge/action", "Microsoft.KeyVault/hsmPools/*", "Microsoft.KeyVault/managedHsms/*"])
    {
        Description = "Lets you manage key vaults, but not access to them.",
    };

    public static readonly RoleDefinition ManagedIdentityContributor = new(
        Guid.Parse("e40ec5ca-96e0-45a2-b4ff-59039f2c2b59"), "Managed Identity Contributor", [],
        ["Microsoft.ManagedIdentity/userAssignedIdentities/read", "Microsoft.ManagedIdentity/userAssignedIdentities/write",
         "Microsoft.ManagedIdentity/userAssignedIdentities/delete", "Microsoft.Authorization/*/read",
         "Microsoft.Resources/subscriptions/resourceGroups/read"])
    {
        Description = "Create, Read, Update, and Delete User Assigned Identity",
    };

    public static readonly RoleDefinition ManagedIdentityOperator = new(
        Guid.Parse("f1a07417-d97a-45cb-824c-7a7467783830"), "Managed Identity Operator", [],
        ["Microsoft.ManagedIdentity/userAssignedIdentities/*/read", "Microsoft.ManagedIdentity/userAssignedIdentities/*/assign/action",
         "Microsoft.Authorization/*/read", "Microsoft.Resources/subscriptions/resourceGroups/read"])
    {
        Description = "Read and Assign User Assigned Identity",
    };

    public static IReadOnlyList<RoleDefinition> All { get; } =
    [
        Administrator, Reader, SecretsOfficer, SecretsUser, CryptoOfficer, CryptoUser,
        CryptoServiceEncryptionUser, CryptoServiceReleaseUser, CertificatesOfficer, CertificateUser,
        Owner, Contributor, ManagementReader, UserAccessAdministrator, KeyVaultContributor,
        ManagedIdentityContributor, ManagedIdentityOperator,
    ];

    /// <summary>An indexed loop, not LINQ or foreach over the interface: every RBAC decision looks its roles up, and either would allocate.</summary>
    public static RoleDefinition? Find(Guid id)
    {
        for (var i = 0; i < All.Count; i++)
        {
            if (All[i].Id == id)
            {
                return All[i];
            }
        }

        return null;
    }

    public static RoleDefinition? FindByName(string name) =>
        All.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));
}
