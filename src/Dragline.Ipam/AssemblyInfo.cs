[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Dragline.Ipam.Tests")]
