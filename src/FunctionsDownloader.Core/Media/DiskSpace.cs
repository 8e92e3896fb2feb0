using System.Globalization;
using FunctionsDownloader.Errors;
using FunctionsDownloader.Jobs;

namespace FunctionsDownloader.Media;

/// <summary>
/// Checks, before a download starts, that the job disk can hold it: the parts' announced sizes
/// (twice over when a merge writes a second copy) plus a reserve that must stay free.
/// </summary>
public static class DiskSpace
{
    /// <summary>Throws when <paramref name="directory"/>'s disk has no room for <paramref name="parts"/>.</summary>
    /// <exception cref="MediaToolException">Not enough free space (<c>insufficient_storage</c>).</exception>
    public static void EnsureRoom(string directory, IReadOnlyList<MediaPart> parts, long reserveBytes)
    {
        ArgumentNullException.ThrowIfNull(parts);

        long announced = parts.Sum(p => p.Size ?? 0);
        long needed = (parts.Count > 1 ? 2 * announced : announced) + Math.Max(0, reserveBytes);
        long free = new DriveInfo(Path.GetFullPath(directory)).AvailableFreeSpace;
        if (free < needed)
        {
            throw new MediaToolException(
                "disk",
                null,
                ErrorCodes.InsufficientStorage,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"The service has no room for this download right now ({free / (1024 * 1024)} MiB free, {needed / (1024 * 1024)} MiB needed). Try again later."));
        }
    }
}
