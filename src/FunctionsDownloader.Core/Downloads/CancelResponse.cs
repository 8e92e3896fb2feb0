namespace FunctionsDownloader.Downloads;

/// <summary>The answer to a cancel.</summary>
public sealed record CancelResponse(string RequestId, string Status, string Message);
