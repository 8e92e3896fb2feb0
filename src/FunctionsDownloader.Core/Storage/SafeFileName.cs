using System.Globalization;
using System.Text;

namespace FunctionsDownloader.Storage;

/// <summary>
/// File names built from media titles: Unicode and emoji kept (with the joiners and selectors that
/// hold emoji sequences together); path separators and the other characters Windows refuses
/// replaced by spaces; control, bidi override and other invisible format characters removed;
/// Windows device names (<c>CON</c>, <c>COM1</c>, …) avoided; bounded in UTF-8 bytes without
/// splitting a character or an emoji sequence. Every name is also a safe blob name.
/// </summary>
public static class SafeFileName
{
    /// <summary>The largest name in UTF-8 bytes, extension included (file systems allow 255).</summary>
    public const int MaxBytes = 200;

    private const string Fallback = "download";
    private const string WindowsInvalid = "/\\:*?\"<>|";

    private static readonly HashSet<string> ReservedNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
        "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "COM¹", "COM²", "COM³",
        "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9", "LPT¹", "LPT²", "LPT³",
    };

    /// <summary>A safe file name for <paramref name="title"/> with extension <paramref name="extension"/> (no dot).</summary>
    public static string FromTitle(string? title, string extension)
    {
        string ext = new([.. (extension ?? "").Where(char.IsAsciiLetterOrDigit).Take(10)]);
        string suffix = ext.Length > 0 ? "." + ext.ToLowerInvariant() : "";

        // One byte is kept back for the "_" that defuses a device name.
        int budget = MaxBytes - 1 - Encoding.UTF8.GetByteCount(suffix);
        string stem = TruncateUtf8(Clean(title ?? ""), budget).TrimEnd(' ', '.');
        if (stem.Length == 0)
        {
            stem = Fallback;
        }

        return (IsReserved(stem) ? "_" + stem : stem) + suffix;
    }

    /// <summary>
    /// An ASCII-only fallback of <paramref name="fileName"/> for old clients (the <c>filename=</c> of a
    /// disposition).
    /// </summary>
    public static string AsciiFallback(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);

        string decomposed = fileName.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (char c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            builder.Append(c is >= ' ' and <= '~' && c is not '"' and not '\\' and not '%' ? c : '_');
        }

        string ascii = CollapseUnderscores(builder.ToString());
        string extension = Path.GetExtension(ascii);
        string stem = ascii[..^extension.Length].Trim('_', ' ', '.');
        if (!stem.Any(char.IsAsciiLetterOrDigit))
        {
            stem = Fallback;
        }

        return (IsReserved(stem) ? "_" + stem : stem) + extension;
    }

    /// <summary>Whether Windows reserves <paramref name="stem"/> as a device name, extension or not.</summary>
    private static bool IsReserved(string stem)
    {
        string device = stem.Split('.')[0].TrimEnd(' ');
        return ReservedNames.Contains(device);
    }

    private static string Clean(string title)
    {
        Rune[] runes = [.. WellFormed(title).Normalize(NormalizationForm.FormC).EnumerateRunes()];
        var builder = new StringBuilder(title.Length);
        for (int i = 0; i < runes.Length; i++)
        {
            Rune rune = runes[i];
            UnicodeCategory category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Control or UnicodeCategory.LineSeparator
                    or UnicodeCategory.ParagraphSeparator
                || Rune.IsWhiteSpace(rune)
                || (rune.IsAscii && WindowsInvalid.Contains((char)rune.Value, StringComparison.Ordinal)))
            {
                builder.Append(' ');
            }
            else if (category is UnicodeCategory.Format
                ? IsJoiner(runes, i)
                : category is not (UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
                    or UnicodeCategory.OtherNotAssigned))
            {
                builder.Append(rune.ToString());
            }
        }

        string collapsed = string.Join(' ', builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));

        // No leading dots or spaces (hidden files, ".." look-alikes), no trailing ones (Windows drops them).
        return collapsed.Trim(' ', '.');
    }

    // A lone surrogate would make Normalize throw and EnumerateRunes yield U+FFFD; it is dropped.
    private static string WellFormed(string text)
    {
        var builder = new StringBuilder(text.Length);
        ReadOnlySpan<char> rest = text;
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out Rune rune, out int consumed) == System.Buffers.OperationStatus.Done)
            {
                builder.Append(rune.ToString());
            }

            rest = rest[consumed..];
        }

        return builder.ToString();
    }

    // Format characters are invisible: bidi overrides (U+202A–U+202E, U+2066–U+2069) disguise an
    // extension, zero-width ones hide text. Kept only where they join: a zero-width joiner between
    // two emoji ("👩‍👩‍👧"), a zero-width non-joiner between two letters (Persian needs it), and
    // tag characters after a black flag (subdivision flags).
    private static bool IsJoiner(Rune[] runes, int index)
    {
        int value = runes[index].Value;
        bool between = index > 0 && index < runes.Length - 1;
        if (value == 0x200D)
        {
            return between && IsEmojiLike(runes[index - 1]) && IsEmojiLike(runes[index + 1]);
        }

        if (value == 0x200C)
        {
            return between && Rune.IsLetter(runes[index - 1]) && Rune.IsLetter(runes[index + 1]);
        }

        if (value is >= 0xE0020 and <= 0xE007F)
        {
            int start = index;
            while (start > 0 && runes[start - 1].Value is >= 0xE0020 and <= 0xE007F)
            {
                start--;
            }

            return start > 0 && runes[start - 1].Value == 0x1F3F4;
        }

        return false;
    }

    // Emoji are symbols (So), skin tones modifiers (Sk), or carry a variation selector.
    private static bool IsEmojiLike(Rune rune) =>
        Rune.GetUnicodeCategory(rune) is UnicodeCategory.OtherSymbol or UnicodeCategory.ModifierSymbol
        || rune.Value is >= 0xFE00 and <= 0xFE0F;

    private static string TruncateUtf8(string value, int maxBytes)
    {
        if (Encoding.UTF8.GetByteCount(value) <= maxBytes)
        {
            return value;
        }

        // Whole text elements only: an emoji sequence or a letter with its accents stays whole or goes.
        var builder = new StringBuilder();
        int used = 0;
        TextElementEnumerator elements = StringInfo.GetTextElementEnumerator(value);
        while (elements.MoveNext())
        {
            string element = elements.GetTextElement();
            int size = Encoding.UTF8.GetByteCount(element);
            if (used + size > maxBytes)
            {
                break;
            }

            builder.Append(element);
            used += size;
        }

        return builder.ToString();
    }

    private static string CollapseUnderscores(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (char c in value)
        {
            if (c == '_' && builder.Length > 0 && builder[^1] == '_')
            {
                continue;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
