namespace FunctionsDownloader.Downloads;

/// <summary>Request ids: 32 lowercase hex digits, also the orchestration instance id.</summary>
public static class RequestIds
{
    /// <summary>A new request id.</summary>
    public static string New() => Guid.NewGuid().ToString("N");

    /// <summary>Whether <paramref name="value"/> has the form of a request id.</summary>
    public static bool IsWellFormed(string? value) =>
        value is { Length: 32 } && value.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}
