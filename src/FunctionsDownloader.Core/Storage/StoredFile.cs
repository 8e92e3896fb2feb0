namespace FunctionsDownloader.Storage;

/// <summary>A file stored in the results container.</summary>
public sealed record StoredFile(string BlobName, string FileName, long Size, string ContentType);
