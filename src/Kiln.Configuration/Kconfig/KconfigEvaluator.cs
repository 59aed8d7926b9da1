using System.Text;
using Kiln.Core.Errors;

namespace Kiln.Configuration.Kconfig;

/// <summary>
/// The values Kconfig gives symbols nobody has set: each visible symbol takes its first default
/// whose condition holds (raised by the selects of others), a choice its default member; values
/// given beforehand stay. Repeated until nothing changes, since a default may name a later symbol.
/// </summary>
public static class KconfigEvaluator
{
    public static Dictionary<string, string> Evaluate(IReadOnlyList<KconfigSymbol> symbols, IReadOnlyDictionary<string, string> given)
    {
        var values = new Dictionary<string, string>(given, StringComparer.Ordinal);
        string ValueOf(string name) => values.GetValueOrDefault(name, "");
        var selectors = symbols.SelectMany(s => s.Selects.Select(select => (Selector: s, Select: select)))
            .ToLookup(x => x.Select.Value, StringComparer.Ordinal);

        for (var pass = 0; pass < 20; pass++)
        {
            var changed = false;
            void Set(string name, string value)
            {
                if (ValueOf(name) == value) return;
                values[name] = value;
                changed = true;
            }
            foreach (var symbol in symbols)
            {
                if (given.ContainsKey(symbol.Name) || symbol.Choice is not null) continue;
                var visible = symbol.Depends.All(d => d.Evaluate(ValueOf) > 0);
                if (symbol.IsBoolean)
                {
                    var value = visible ? FirstDefault(symbol.Defaults, ValueOf) is { } d ? Math.Min(KconfigExpression.Tristate(Value(d, ValueOf)),
                        Condition(d, ValueOf)) : 0 : 0;
                    foreach (var (selector, select) in selectors[symbol.Name])
                        value = Math.Max(value, Math.Min(KconfigExpression.Tristate(ValueOf(selector.Name)), Condition(select, ValueOf)));
                    // m stays m for a tristate when modules are on; otherwise it means y.
                    Set(symbol.Name, value == 0 ? "n" : value == 1 && symbol.Type == "tristate" && ValueOf("MODULES") == "y" ? "m" : "y");
                }
                else if (visible)
                {
                    Set(symbol.Name, FirstDefault(symbol.Defaults, ValueOf) is { } d ? Value(d, ValueOf) : "");
                }
                else if (values.Remove(symbol.Name))
                {
                    changed = true;
                }
            }
            foreach (var choice in symbols.Select(s => s.Choice).OfType<KconfigChoice>().Distinct())
            {
                var visible = choice.Depends.All(d => d.Evaluate(ValueOf) > 0);
                bool Visible(KconfigSymbol member) => member.Depends.All(dep => dep.Evaluate(ValueOf) > 0);
                var chosen = !visible ? null
                    : choice.Members.FirstOrDefault(m => given.TryGetValue(m.Name, out var v) && v == "y")
                      ?? choice.Defaults.Where(d => Condition(d, ValueOf) > 0).Select(d => choice.Members.FirstOrDefault(m => m.Name == d.Value
                          && Visible(m)))
                          .FirstOrDefault(m => m is not null)
                      ?? choice.Members.FirstOrDefault(Visible);
                foreach (var member in choice.Members) Set(member.Name, member == chosen ? "y" : "n");
            }
            if (!changed) return values;
        }
        throw new UserError("the Kconfig defaults do not settle (a loop between symbols)");
    }

    /// <summary>.config text: y symbols, and ints/hexes/strings that have a value; the rest stays unset.</summary>
    public static string Write(IReadOnlyList<KconfigSymbol> symbols, IReadOnlyDictionary<string, string> values, IEnumerable<string> extraOrder)
    {
        var text = new StringBuilder();
        var types = symbols.ToDictionary(s => s.Name, s => s.Type, StringComparer.Ordinal);
        foreach (var name in extraOrder.Concat(symbols.Select(s => s.Name)).Distinct(StringComparer.Ordinal))
        {
            if (!values.TryGetValue(name, out var value)) continue;
            var type = types.GetValueOrDefault(name, value is "y" or "n" ? "bool" : "string");
            if (type is "bool" or "tristate")
                text.Append(value == "n" ? $"# CONFIG_{name} is not set\n" : $"CONFIG_{name}={value}\n");
            else
                text.Append(type == "string" ? $"CONFIG_{name}=\"{value}\"\n" : $"CONFIG_{name}={value}\n");
        }
        return text.ToString();
    }

    private static KconfigDefault? FirstDefault(List<KconfigDefault> defaults, Func<string, string> valueOf) =>
        defaults.FirstOrDefault(d => Condition(d, valueOf) > 0);

    private static int Condition(KconfigDefault d, Func<string, string> valueOf) => d.Condition?.Evaluate(valueOf) ?? 2;

    private static string Value(KconfigDefault d, Func<string, string> valueOf) => KconfigExpression.Value(d.Value, valueOf);
}
