using FunctionsDownloader.Security;
using Microsoft.Extensions.Options;

namespace FunctionsDownloader.Webhooks;

/// <summary>
/// Finds the secret a job's webhook is signed with: the owning key's own secret, or for the admin
/// key and keyless local mode the configured <see cref="WebhookOptions.Secret"/>.
/// </summary>
public sealed class WebhookSecrets(ApiKeyStore keys, IOptions<WebhookOptions> options)
{
    /// <summary>The secret of <paramref name="owner"/>, or <c>null</c> when there is none.</summary>
    public async Task<string?> FindAsync(string owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owner);

        if (owner is Caller.AdminOwner or Caller.LocalOwner)
        {
            return NullIfEmpty(options.Value.Secret);
        }

        if (!ApiKeyFormat.IsKeyId(owner))
        {
            return null;
        }

        ApiKeyRecord? key = await keys.GetAsync(owner, cancellationToken);
        return NullIfEmpty(key?.WebhookSecret);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
