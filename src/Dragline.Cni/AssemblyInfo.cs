[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Dragline.Cni.Tests")]
