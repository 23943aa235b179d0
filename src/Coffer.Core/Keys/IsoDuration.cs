using System.Globalization;
using System.Text;

namespace Coffer.Core.Keys;

/// <summary>
/// An ISO 8601 duration in the calendar form rotation policies use (<c>P30D</c>, <c>P1Y6M</c>, <c>P2W</c>, <c>PT36H</c>).
/// Years and months stay calendar units, so <c>P1M</c> after 31 January is the end of February, as Key Vault counts them.
/// </summary>
public readonly record struct IsoDuration(int Years, int Months, int Days, TimeSpan Time)
{
    public static bool TryParse(string? text, out IsoDuration duration)
    {
        duration = default;
        if (string.IsNullOrEmpty(text) || text.Length > 64 || (text[0] != 'P' && text[0] != 'p'))
        {
            return false;
        }

        int years = 0, months = 0, days = 0;
        var time = TimeSpan.Zero;
        var inTime = false;
        var any = false;
        var lastRank = -1;
        var i = 1;
        while (i < text.Length)
        {
            if (text[i] is 'T' or 't')
            {
                if (inTime)
                {
                    return false;
                }

                inTime = true;
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            if (i == start || i == text.Length || i - start > 6)
            {
                return false;
            }

            var value = int.Parse(text.AsSpan(start, i - start), NumberStyles.None, CultureInfo.InvariantCulture);
            var rank = (char.ToUpperInvariant(text[i]), inTime) switch
            {
                ('Y', false) => 0,
                ('M', false) => 1,
                ('W', false) => 2,
                ('D', false) => 3,
                ('H', true) => 4,
                ('M', true) => 5,
                ('S', true) => 6,
                _ => -1,
            };
            if (rank <= lastRank)
            {
                return false;
            }

            switch (rank)
            {
                case 0: years = value; break;
                case 1: months = value; break;
                case 2: days += value * 7; break;
                case 3: days += value; break;
                case 4: time += TimeSpan.FromHours(value); break;
                case 5: time += TimeSpan.FromMinutes(value); break;
                case 6: time += TimeSpan.FromSeconds(value); break;
            }

            lastRank = rank;
            any = true;
            i++;
        }

        if (!any || (inTime && lastRank < 4))
        {
            return false;
        }

        duration = new IsoDuration(years, months, days, time);
        return true;
    }

    public DateTimeOffset AddTo(DateTimeOffset instant) => instant.AddYears(Years).AddMonths(Months).AddDays(Days).Add(Time);

    public DateTimeOffset SubtractFrom(DateTimeOffset instant) => instant.AddYears(-Years).AddMonths(-Months).AddDays(-Days).Subtract(Time);

    /// <summary>The shortest this duration can be (months of 28 days, years of 365), for minimum checks that hold on any date.</summary>
    public TimeSpan Shortest => TimeSpan.FromDays((Years * 365L) + (Months * 28L) + Days) + Time;

    /// <summary>The longest it can be (months of 31 days, years of 366), for "shorter than" checks that hold on any date.</summary>
    public TimeSpan Longest => TimeSpan.FromDays((Years * 366L) + (Months * 31L) + Days) + Time;

    public override string ToString()
    {
        var text = new StringBuilder("P");
        Append(text, Years, 'Y');
        Append(text, Months, 'M');
        Append(text, Days, 'D');
        if (Time > TimeSpan.Zero)
        {
            text.Append('T');
            Append(text, (int)Time.TotalHours, 'H');
            Append(text, Time.Minutes, 'M');
            Append(text, Time.Seconds, 'S');
        }

        return text.Length == 1 ? "P0D" : text.ToString();
    }

    private static void Append(StringBuilder text, int value, char unit)
    {
        if (value != 0)
        {
            text.Append(value.ToString(CultureInfo.InvariantCulture)).Append(unit);
        }
    }
}
