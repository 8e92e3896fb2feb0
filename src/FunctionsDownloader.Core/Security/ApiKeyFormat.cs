using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace FunctionsDownloader.Security;

/// <summary>
/// API keys look like <c>fdk_{key id}_{secret}</c>: the id (12 hex digits) finds the stored hash
/// with a point read, the secret (32 random bytes) makes the key unguessable.
/// </summary>
public static class ApiKeyFormat
{
    private const string Prefix = "fdk_";
    private const int KeyIdLength = 12;

    /// <summary>A new key and its id.</summary>
    public static (string KeyId, string Key) Create()
    {
        string keyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(KeyIdLength / 2));
        string secret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        return (keyId, $"{Prefix}{keyId}_{secret}");
    }

    /// <summary>A new webhook signing secret.</summary>
    public static string CreateWebhookSecret() => "whsec_" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>The key id inside <paramref name="key"/>, or <c>null</c> when it is not of this form.</summary>
    public static string? KeyIdOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!key.StartsWith(Prefix, StringComparison.Ordinal) || key.Length < Prefix.Length + KeyIdLength + 2 ||
            key[Prefix.Length + KeyIdLength] != '_')
        {
            return null;
        }

        string keyId = key.Substring(Prefix.Length, KeyIdLength);
        return IsKeyId(keyId) ? keyId : null;
    }

    /// <summary>Whether <paramref name="value"/> has the form of a key id.</summary>
    public static bool IsKeyId(string? value) =>
        value is { Length: KeyIdLength } && value.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    /// <summary>Lowercase hex SHA-256 of <paramref name="key"/>.</summary>
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>Compares two hashes in constant time.</summary>
    public static bool HashesEqual(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));
}
