namespace FunctionsDownloader.Bench.Inputs;

/// <summary>
/// The generated inputs, as files under <see cref="Directory"/> (which the local media site serves
/// under <c>/extra/</c>): two direct mp4s, an HLS stream with separate audio and the batch's files.
/// </summary>
public sealed record InputSet(string Directory, IReadOnlyList<string> BatchFiles)
{
    /// <summary>The 50 MB direct mp4.</summary>
    public const string Direct50 = "direct-50.mp4";

    /// <summary>The 500 MB direct mp4.</summary>
    public const string Direct500 = "direct-500.mp4";

    /// <summary>The HLS master: one video-only variant and one audio rendition in its own group.</summary>
    public const string HlsMaster = "hls/master.m3u8";

    /// <summary>The bytes of an input: a file, or for the HLS master every file of its folder.</summary>
    public long SizeOf(string relativePath)
    {
        string path = Path.Combine(Directory, relativePath);
        return relativePath.EndsWith(".m3u8", StringComparison.Ordinal)
            ? new DirectoryInfo(Path.GetDirectoryName(path)!).EnumerateFiles().Sum(f => f.Length)
            : new FileInfo(path).Length;
    }
}
