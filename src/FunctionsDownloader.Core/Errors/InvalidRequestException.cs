namespace FunctionsDownloader.Errors;

/// <summary>A request the service refuses as it stands; answered with 400 naming the field.</summary>
public sealed class InvalidRequestException : DownloaderException
{
    /// <summary>Creates the exception for one offending field (snake_case, as in the contract).</summary>
    public InvalidRequestException(string? field, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Field = field;
    }

    /// <summary>The offending field, or <c>null</c> when the request as a whole is at fault.</summary>
    public string? Field { get; }
}
