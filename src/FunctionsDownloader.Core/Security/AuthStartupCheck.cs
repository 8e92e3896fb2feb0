using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FunctionsDownloader.Security;

/// <summary>
/// Says loudly at start-up when keys are off, and refuses to start that way in Azure (App Service
/// and Functions set <c>WEBSITE_SITE_NAME</c>): production never runs without keys.
/// </summary>
public sealed class AuthStartupCheck(IOptions<AuthOptions> options, ILogger<AuthStartupCheck> logger) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        AuthOptions settings = options.Value;
        if (settings.IsDisabled)
        {
            if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("WEBSITE_SITE_NAME")))
            {
                throw new InvalidOperationException(
                    "Auth:Mode is 'none' on an Azure host. Keys cannot be switched off in production; remove the setting.");
            }

            logger.LogWarning(
                "*** Auth:Mode is 'none': NO API KEYS ARE CHECKED. Anyone who can reach this port can download through it. " +
                "Use this for local development only. ***");
        }
        else if (!string.Equals(settings.Mode, AuthOptions.KeysMode, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Auth:Mode must be 'keys' or 'none', not '{settings.Mode}'.");
        }
        else if (string.IsNullOrEmpty(settings.AdminKey))
        {
            logger.LogWarning("Auth:AdminKey is not set: no API keys can be created, and only existing keys work.");
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
