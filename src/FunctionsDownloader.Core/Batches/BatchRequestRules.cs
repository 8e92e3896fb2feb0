using FunctionsDownloader.Errors;

namespace FunctionsDownloader.Batches;

/// <summary>The contract's bounds on batch requests, checked with a 400 naming the field.</summary>
public static class BatchRequestRules
{
    /// <summary>The most URLs one batch takes.</summary>
    public const int MaxUrls = 100;

    /// <summary>The highest <c>concurrent_limit</c>.</summary>
    public const int MaxConcurrentLimit = 10;

    /// <summary>The <c>concurrent_limit</c> to use.</summary>
    /// <exception cref="InvalidRequestException">The value is outside 1 to 10.</exception>
    public static int ConcurrentLimit(int? value, int fallback) =>
        value switch
        {
            null => Math.Clamp(fallback, 1, MaxConcurrentLimit),
            >= 1 and <= MaxConcurrentLimit => value.Value,
            _ => throw new InvalidRequestException(
                "concurrent_limit", $"'concurrent_limit' must be a whole number from 1 to {MaxConcurrentLimit}."),
        };

    /// <summary>The archive asked for (<c>zip</c>), or <c>null</c>.</summary>
    /// <exception cref="InvalidRequestException">The value is not <c>zip</c>.</exception>
    public static string? Archive(string? value) =>
        value is null ? null
        : value.Trim().Equals(ArchiveStatus.Zip, StringComparison.OrdinalIgnoreCase) ? ArchiveStatus.Zip
        : throw new InvalidRequestException("archive", "'archive' must be \"zip\", or leave it out.");
}
