using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Configuration;

namespace FunctionsDownloader.Storage;

/// <summary>
/// The storage account the service and the task hub share, built from <c>AzureWebJobsStorage</c>:
/// either a connection string (Azurite, or an account with shared keys) or the identity-based
/// <c>AzureWebJobsStorage__blobServiceUri</c> / <c>__tableServiceUri</c> / <c>__queueServiceUri</c>
/// (or <c>__accountName</c>) settings with an optional <c>__clientId</c> for a user-assigned identity.
/// </summary>
public sealed class StorageAccount
{
    /// <summary>The name of the setting that holds the account.</summary>
    public const string SettingName = "AzureWebJobsStorage";

    private StorageAccount(
        BlobServiceClient blobs,
        TableServiceClient tables,
        string? connectionString,
        TokenCredential? credential,
        Uri queueServiceUri)
    {
        Blobs = blobs;
        Tables = tables;
        ConnectionString = connectionString;
        Credential = credential;
        QueueServiceUri = queueServiceUri;
    }

    /// <summary>Client for the blob service.</summary>
    public BlobServiceClient Blobs { get; }

    /// <summary>Client for the table service.</summary>
    public TableServiceClient Tables { get; }

    /// <summary>The connection string, when the account is reached with one.</summary>
    public string? ConnectionString { get; }

    /// <summary>The token credential, when the account is reached with an identity.</summary>
    public TokenCredential? Credential { get; }

    /// <summary>The queue endpoint (used by the Durable Task backend).</summary>
    public Uri QueueServiceUri { get; }

    /// <summary>Whether SAS links are signed with the account key rather than a user delegation key.</summary>
    public bool HasAccountKey => Blobs.CanGenerateAccountSasUri;

    /// <summary>The blob container <paramref name="name"/>, created without public access if missing.</summary>
    public async Task<BlobContainerClient> PrivateContainerAsync(string name)
    {
        BlobContainerClient container = Blobs.GetBlobContainerClient(name);
        await container.CreateIfNotExistsAsync(PublicAccessType.None);
        return container;
    }

    /// <summary>Reads the account from configuration.</summary>
    /// <exception cref="InvalidOperationException">Neither form of the setting is present.</exception>
    public static StorageAccount FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        string? connectionString = configuration[SettingName];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return FromConnectionString(connectionString);
        }

        IConfigurationSection section = configuration.GetSection(SettingName);
        string? accountName = section["accountName"];
        Uri? blobUri = ReadUri(section, "blobServiceUri", accountName, "blob");
        Uri? tableUri = ReadUri(section, "tableServiceUri", accountName, "table");
        Uri? queueUri = ReadUri(section, "queueServiceUri", accountName, "queue");
        if (blobUri is null || tableUri is null || queueUri is null)
        {
            throw new InvalidOperationException(
                $"The storage account is not configured. Set '{SettingName}' to a connection string " +
                $"(UseDevelopmentStorage=true for Azurite), or set '{SettingName}__accountName' " +
                $"(or the three '{SettingName}__*ServiceUri' settings) for an identity-based connection.");
        }

        string? clientId = section["clientId"];
        TokenCredential credential = string.IsNullOrWhiteSpace(clientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));

        return new StorageAccount(
            new BlobServiceClient(blobUri, credential, BlobOptions()),
            new TableServiceClient(tableUri, credential, TableOptions()),
            connectionString: null,
            credential,
            queueUri);
    }

    /// <summary>Builds the account from a storage connection string.</summary>
    public static StorageAccount FromConnectionString(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);

        var blobs = new BlobServiceClient(connectionString, BlobOptions());
        var tables = new TableServiceClient(connectionString, TableOptions());
        Uri queueUri = QueueUriFromConnectionString(connectionString, blobs.Uri);
        return new StorageAccount(blobs, tables, connectionString, credential: null, queueUri);
    }

    // Fail fast when storage is down: callers get a 503 in seconds rather than a hung request.
    private static BlobClientOptions BlobOptions()
    {
        var options = new BlobClientOptions();
        ConfigureRetry(options.Retry);
        return options;
    }

    private static TableClientOptions TableOptions()
    {
        var options = new TableClientOptions();
        ConfigureRetry(options.Retry);
        return options;
    }

    private static void ConfigureRetry(RetryOptions retry)
    {
        retry.MaxRetries = 3;
        retry.Delay = TimeSpan.FromMilliseconds(300);
        retry.MaxDelay = TimeSpan.FromSeconds(3);
        retry.NetworkTimeout = TimeSpan.FromSeconds(20);
    }

    private static Uri? ReadUri(IConfigurationSection section, string key, string? accountName, string service)
    {
        string? value = section[key];
        if (!string.IsNullOrWhiteSpace(value))
        {
            return new Uri(value);
        }

        return string.IsNullOrWhiteSpace(accountName)
            ? null
            : new Uri($"https://{accountName}.{service}.core.windows.net");
    }

    private static Uri QueueUriFromConnectionString(string connectionString, Uri blobUri)
    {
        // The blob client already parsed the account; the queue endpoint follows the same pattern
        // (Azurite: port 10001, Azure: .queue. instead of .blob.).
        foreach (string part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            int equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && part[..equals].Trim().Equals("QueueEndpoint", StringComparison.OrdinalIgnoreCase))
            {
                return new Uri(part[(equals + 1)..].Trim());
            }
        }

        var builder = new UriBuilder(blobUri);
        if (builder.Host.Contains(".blob.", StringComparison.OrdinalIgnoreCase))
        {
            builder.Host = builder.Host.Replace(".blob.", ".queue.", StringComparison.OrdinalIgnoreCase);
        }
        else if (builder.Port == 10000)
        {
            builder.Port = 10001;
        }

        return builder.Uri;
    }
}
