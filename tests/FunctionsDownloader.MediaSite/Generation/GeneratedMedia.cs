namespace FunctionsDownloader.MediaSite.Generation;

/// <summary>Where the generated media lives and how it got there.</summary>
/// <param name="Directory">The complete media directory (never a half-written one).</param>
/// <param name="Reused">True when an earlier start had already generated it.</param>
/// <param name="Elapsed">How long this start spent generating; zero when reused.</param>
internal sealed record GeneratedMedia(string Directory, bool Reused, TimeSpan Elapsed);
