namespace FunctionsDownloader.MediaSite.Serving;

/// <summary>
/// Titles that are hard to turn into file names, each served by a page of its own
/// (<c>titled/{key}.html</c>): path separators, emoji, a right-to-left override that disguises the
/// extension, a Windows device name and 300 characters of mostly multi-byte text.
/// </summary>
internal static class TrickyTitles
{
    public static IReadOnlyDictionary<string, string> ByKey { get; } =
        new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["slashes"] = "AC/DC: live at \"Donington\" \\ 1991 | part 1/2? <encore>*",
        ["emoji"] = "Café déjà vu 🎬🍿 👩‍👩‍👧 🇫🇷 ✨",
        ["bidi"] = "Quarterly report \u202Egnp.exe\u202C final",
        ["reserved"] = "CON",
        ["long"] = Long(),
    };

    // Mostly three-byte characters: 300 characters are far over any file name limit in bytes.
    private static string Long()
    {
        string text = string.Concat(Enumerable.Repeat("Très long titre – 長い題名の動画 ", 20));
        return text[..300];
    }
}
