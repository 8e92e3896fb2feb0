namespace FunctionsDownloader.Playlists;

/// <summary>A run of 1-based playlist positions, both ends included.</summary>
public sealed record IndexRange(int From, int To)
{
    /// <summary>How many positions the range holds.</summary>
    public int Count => To - From + 1;

    /// <summary>Whether <paramref name="index"/> lies in the range.</summary>
    public bool Contains(int index) => index >= From && index <= To;
}
