using System.CommandLine;
using Torchbook.Kernel;
using Torchbook.Kernel.Install;

namespace Torchbook.Cli;

/// <summary>
/// <c>torchbook kernel --connection-file FILE</c> (what Jupyter runs), <c>torchbook kernel install
/// [--user | --prefix DIR] [--name NAME]</c> and <c>torchbook kernel uninstall</c>.
/// </summary>
public static class KernelCommand
{
    public static Command Create()
    {
        var connectionFile = new Option<string>("--connection-file", "-f") { Description = "The connection file Jupyter writes ({connection_file} in kernel.json)." };
        var kernel = new Command("kernel", "The Jupyter kernel for C# notebooks: serve a connection file, or install/uninstall the kernelspec.") { connectionFile };
        kernel.SetAction(parse =>
        {
            if (parse.GetValue(connectionFile) is not { Length: > 0 } file)
            {
                Console.Error.WriteLine("error: give --connection-file FILE (Jupyter does this), or use 'torchbook kernel install' to register the kernel with Jupyter.");
                return 2;
            }
            return KernelCommands.Serve(file);
        });

        var user = new Option<bool>("--user") { Description = "Install for this user: JUPYTER_DATA_DIR, else ~/.local/share/jupyter (the default)." };
        var prefix = new Option<string>("--prefix") { Description = "Install under DIR/share/jupyter (e.g. a virtual environment's prefix)." };
        var name = new Option<string>("--name") { Description = "Kernelspec name.", DefaultValueFactory = _ => KernelSpecInstaller.DefaultName };
        var noAlias = new Option<bool>("--no-polyglot-alias") { Description = $"Do not also install the kernel as '{KernelSpecInstaller.PolyglotAliasName}' (the kernelspec name Polyglot notebooks carry)." };

        var install = new Command("install", "Write the kernelspec (kernel.json, logos) where Jupyter finds it.") { user, prefix, name, noAlias };
        install.SetAction(parse => WithLocation(parse, user, prefix, dir =>
            KernelCommands.Install(dir, parse.GetValue(name)!, !parse.GetValue(noAlias), Console.Out, Console.Error)));
        var uninstall = new Command("uninstall", "Remove the kernelspec.") { user, prefix, name };
        uninstall.SetAction(parse => WithLocation(parse, user, prefix, dir =>
            KernelCommands.Uninstall(dir, parse.GetValue(name)!, Console.Out, Console.Error)));
        kernel.Add(install);
        kernel.Add(uninstall);
        return kernel;
    }

    private static int WithLocation(ParseResult parse, Option<bool> user, Option<string> prefix, Func<string?, int> action)
    {
        var dir = parse.GetValue(prefix);
        if (parse.GetValue(user) && dir is not null)
        {
            Console.Error.WriteLine("error: --user and --prefix choose different places; give one of them.");
            return 2;
        }
        return action(dir);
    }
}
