using System.Buffers;
using System.Text;

namespace IrBot.SlackApp;

internal static class SlackForm
{
    /// <summary>
    /// Decodes an <c>application/x-www-form-urlencoded</c> body (last value wins) straight from the verified bytes:
    /// every Slack command and interaction comes through here, so one dictionary and one string per field.
    /// </summary>
    public static Dictionary<string, string> Parse(ReadOnlySpan<byte> body)
    {
        var form = new Dictionary<string, string>(16, StringComparer.Ordinal);
        while (!body.IsEmpty)
        {
            var end = body.IndexOf((byte)'&');
            var pair = end < 0 ? body : body[..end];
            body = end < 0 ? default : body[(end + 1)..];
            var equals = pair.IndexOf((byte)'=');
            var key = equals < 0 ? pair : pair[..equals];
            if (key.IsEmpty)
            {
                continue;
            }

            form[Decode(key)] = equals < 0 ? string.Empty : Decode(pair[(equals + 1)..]);
        }

        return form;
    }

    /// <summary>'+' is a space; <c>%XY</c> is a byte of UTF-8; a '%' not followed by two hex digits stays as it is.</summary>
    private static string Decode(ReadOnlySpan<byte> encoded)
    {
        if (encoded.IndexOfAny((byte)'+', (byte)'%') < 0)
        {
            return Encoding.UTF8.GetString(encoded);
        }

        // Decoding never lengthens the text.
        byte[]? rented = null;
        Span<byte> decoded = encoded.Length <= 1024 ? stackalloc byte[encoded.Length] : (rented = ArrayPool<byte>.Shared.Rent(encoded.Length));
        try
        {
            var length = 0;
            for (var i = 0; i < encoded.Length; i++)
            {
                var b = encoded[i];
                if (b == (byte)'+')
                {
                    b = (byte)' ';
                }
                else if (b == (byte)'%' && i + 2 < encoded.Length && HexValue(encoded[i + 1]) is >= 0 and var high && HexValue(encoded[i + 2]) is >= 0 and var low)
                {
                    b = (byte)((high << 4) | low);
                    i += 2;
                }

                decoded[length++] = b;
            }

            return Encoding.UTF8.GetString(decoded[..length]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };
}
