import KubeCore
