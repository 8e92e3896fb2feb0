using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FunctionsDownloader.Downloads;

namespace FunctionsDownloader.Batches;

/// <summary>
/// Batch ids (32 lowercase hex digits, also the batch orchestration's instance id) and the ids derived from
/// them: the request id of the job at each position, and the instance id of each page orchestration.
/// Deriving them means a retried step finds the jobs it already made instead of making new ones.
/// </summary>
public static class BatchIds
{
    /// <summary>A new batch id.</summary>
    public static string New() => RequestIds.New();

    /// <summary>Whether <paramref name="value"/> has the form of a batch id.</summary>
    public static bool IsWellFormed(string? value) => RequestIds.IsWellFormed(value);

    /// <summary>The request id of the job at 1-based position <paramref name="index"/> of a batch.</summary>
    public static string ItemRequestId(string batchId, int index)
    {
        ArgumentException.ThrowIfNullOrEmpty(batchId);
        string seed = string.Create(CultureInfo.InvariantCulture, $"{batchId}/{index}");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed)), 0, 16);
    }

    /// <summary>The instance id of the orchestration running 1-based page <paramref name="page"/> of a batch.</summary>
    public static string PageInstanceId(string batchId, int page) =>
        string.Create(CultureInfo.InvariantCulture, $"{batchId}-page-{page:D4}");
}
