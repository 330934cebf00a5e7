visieSearch.load("index",{"chunks":["1","praktijkelement"],"sections":44,"stemmer":"dutch","version":1});
