using System.Security.Cryptography;
using Coffer.Core.Errors;
using Coffer.Core.Keys.Cryptography;

namespace Coffer.Core.Tests.Keys.Cryptography;

/// <summary>Whatever a client sends, an operation gives a result or Key Vault's 400: never another exception (a 500).</summary>
public sealed class KeyCryptographyRobustnessTests
{
    private static readonly int[] Lengths = [0, 1, 8, 12, 15, 16, 17, 24, 31, 32, 33, 40, 48, 64, 66, 96, 132, 255, 256, 257];

    public static TheoryData<string, string, string> Operations()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var keyName in new[] { "RSA", "EC:P-256", "EC:P-521", "oct:128", "oct:256" })
        {
            foreach (var operation in new[] { "encrypt", "decrypt", "wrapKey", "unwrapKey", "sign", "verify" })
            {
                foreach (var algorithm in new[] { "RSA", "EC", "oct" }.SelectMany(type => KeyCryptography.AlgorithmsFor(type, operation)).Distinct())
                {
                    data.Add(keyName, operation, algorithm);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public void Operation_RandomInputsOfManyLengths_ReturnOrThrowBadParameter(string keyName, string operation, string algorithm)
    {
        // Arrange: a fixed seed keeps a failure reproducible.
        var key = TestKeys.Named(keyName);
        var random = new Random(string.Concat(keyName, operation, algorithm).Sum(c => c));
        var unexpected = new List<string>();

        // Act
        foreach (var length in Lengths)
        {
            var input = new byte[length];
            random.NextBytes(input);
            byte[]? iv = length % 3 == 0 ? null : RandomBytes(random, length % 2 == 0 ? 12 : 16);
            byte[]? tag = length % 4 == 0 ? null : RandomBytes(random, 16);
            try
            {
                _ = operation switch
                {
                    "encrypt" => KeyCryptography.Encrypt(key, algorithm, input, iv, tag),
                    "decrypt" => KeyCryptography.Decrypt(key, algorithm, input, iv, null, tag),
                    "wrapKey" => KeyCryptography.WrapKey(key, algorithm, input),
                    "unwrapKey" => KeyCryptography.UnwrapKey(key, algorithm, input),
                    "sign" => KeyCryptography.Sign(key, algorithm, input),
                    _ => (object)KeyCryptography.Verify(key, algorithm, input, RandomBytes(random, length)),
                };
            }
            catch (CofferException exception) when (exception.Status == 400 && exception.Code == ErrorCodes.BadParameter)
            {
            }
            catch (Exception exception)
            {
                unexpected.Add($"{length} bytes: {exception.GetType().Name}: {exception.Message}");
            }
        }

        // Assert
        Assert.Empty(unexpected);
    }

    [Fact]
    public void Sign_ManyThreadsOnOneKey_AllSignaturesVerify()
    {
        // Arrange: one KeyMaterial serves concurrent requests.
        var key = TestKeys.Ec("P-256");
        var digests = Enumerable.Range(0, 64).Select(i => SHA256.HashData(BitConverter.GetBytes(i))).ToArray();
        var signatures = new byte[digests.Length][];

        // Act
        Parallel.For(0, digests.Length, i => signatures[i] = KeyCryptography.Sign(key, "ES256", digests[i]));

        // Assert
        Assert.All(Enumerable.Range(0, digests.Length), i => Assert.True(KeyCryptography.Verify(key, "ES256", digests[i], signatures[i])));
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
