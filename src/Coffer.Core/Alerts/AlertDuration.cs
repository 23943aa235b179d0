using System.Xml;
using Coffer.Core.Keys;

namespace Coffer.Core.Alerts;

/// <summary>Windows and frequencies as ISO 8601 durations of fixed length (<c>PT5M</c>, <c>PT1H</c>, <c>P1D</c>): no years or months.</summary>
public static class AlertDuration
{
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        if (!IsoDuration.TryParse(text, out var parsed) || parsed.Years != 0 || parsed.Months != 0)
        {
            return false;
        }

        duration = TimeSpan.FromDays(parsed.Days) + parsed.Time;
        return true;
    }

    public static string Format(TimeSpan duration) => XmlConvert.ToString(duration);
}
