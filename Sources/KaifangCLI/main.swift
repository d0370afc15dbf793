import KaifangKit
print("kaifang")
