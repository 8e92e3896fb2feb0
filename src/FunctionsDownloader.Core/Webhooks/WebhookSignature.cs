using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace FunctionsDownloader.Webhooks;

/// <summary>
/// Signs webhook bodies: HMAC-SHA256, keyed with the owner's webhook secret, over
/// <c>"&lt;unix seconds&gt;.&lt;body&gt;"</c>, so a receiver can check both who sent the body and how
/// old it is (a replayed body carries an old timestamp).
/// </summary>
public static class WebhookSignature
{
    /// <summary>
    /// The value of the <see cref="WebhookHeaders.Signature"/> header for <paramref name="body"/>
    /// sent at <paramref name="time"/>.
    /// </summary>
    public static string Create(string secret, DateTimeOffset time, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);

        string timestamp = time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        byte[] prefix = Encoding.ASCII.GetBytes(timestamp + ".");
        byte[] signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));

        byte[] mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
        return $"t={timestamp},v1={Convert.ToHexStringLower(mac)}";
    }
}
