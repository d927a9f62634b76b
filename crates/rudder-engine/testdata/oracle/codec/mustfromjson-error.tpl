{{ mustFromJson "[1," }}
